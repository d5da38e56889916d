// Placeholder until the homeserver lands with the HTTP component.
int main() { return 0; }
