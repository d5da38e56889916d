#include "shared/http/server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "shared/core/log.h"
#include "shared/http/buffered_server.h"
#include "shared/http/client_ip.h"
#include "shared/http/dispatcher.h"
#include "shared/http/elastic_pool.h"

namespace gatehouse::http {
namespace {

// Access-log paths come from the network: keep the line one line and short,
// so log parsers (fail2ban) cannot be fooled by an injected newline.
std::string loggable_path(std::string_view path) {
  constexpr std::size_t kMax = 256;
  std::string out;
  out.reserve(std::min(path.size(), kMax + 3));
  for (char c : path.substr(0, kMax)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x21 || u > 0x7e ? '?' : c);
  }
  if (path.size() > kMax) out += "...";
  return out;
}

int local_port(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  return -1;
}

// A UNIX socket path is free to bind once a socket left there by an
// earlier run is gone; any other kind of file stays, and is an error.
Status clear_stale_socket(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return ok();
  if (!S_ISSOCK(st.st_mode)) {
    return fail(ErrorCode::kIo, fmt::format("cannot listen on unix:{}", path),
                "the path exists and is not a socket; remove it or choose another `socket`");
  }
  if (::unlink(path.c_str()) != 0) {
    return fail(ErrorCode::kIo, fmt::format("cannot listen on unix:{}", path), std::strerror(errno));
  }
  return ok();
}

}  // namespace

struct Server::Instance {
  BufferedServer server;
  std::unique_ptr<Dispatcher> dispatcher;
  int fd = -1;  // the listening socket, seen in set_socket_options
  std::string unix_path;  // removed when the server is destroyed
  std::thread thread;
  std::atomic<bool> finished{false};
  ~Instance() {
    if (!unix_path.empty()) ::unlink(unix_path.c_str());
  }
};

Server::Server(ServerOptions options, const Routes& routes, Metrics* metrics)
    : options_(std::move(options)), routes_(routes), metrics_(metrics) {}

Server::~Server() {
  stop();
  wait();
}

Status Server::start() {
  std::lock_guard lock(mutex_);
  if (stop_requested_) return ok();

  for (const auto& listener : options_.listeners) {
    for (const auto& bind : listener.binds) {
      auto instance = std::make_unique<Instance>();
      instance->dispatcher = std::make_unique<Dispatcher>(routes_, listener.resources,
                                                          listener.prefix, metrics_);
      BufferedServer& svr = instance->server;
      Instance* raw = instance.get();
      const ServerOptions& o = options_;
      Metrics* metrics = metrics_;

      // The library's defaults cost 100x in throughput (performance-anchors.md):
      // Nagle delays small answers, and 5 requests per connection force
      // reconnect storms.
      svr.set_tcp_nodelay(true);
      svr.set_keep_alive_max_count(o.keep_alive_max_count);
      svr.set_keep_alive_timeout(o.keep_alive_timeout.count());
      svr.set_read_timeout(o.read_timeout.count());
      svr.set_write_timeout(o.write_timeout.count());
      svr.set_payload_max_length(o.max_body_bytes);
      const std::size_t threads = std::max<std::size_t>(1, o.worker_threads);
      svr.new_task_queue = [threads] { return new ElasticPool(threads); };
      // Replaces the library's default (SO_REUSEPORT), which would let a
      // second process bind the same port and silently take half the
      // traffic; SO_REUSEADDR alone allows quick restarts.
      svr.set_socket_options([raw](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        raw->fd = sock;
      });

      // Routing is ours (raw-path matching, 404/405 in protocol form, route
      // labels for metrics); the connection loop calls these hooks.
      BufferedServer::Hooks hooks;
      hooks.handle = [raw](const httplib::Request& req, httplib::Response& res) {
        RequestTrace& trace = current_trace();
        trace.start = std::chrono::steady_clock::now();
        trace.started = true;
        trace.stats = nullptr;
        raw->dispatcher->handle(req, res);
      };
      hooks.error_body = [raw](const httplib::Request& req, httplib::Response& res) {
        raw->dispatcher->write_default_error(req, res);
      };
      // Runs after the answer is written, on the same thread as `handle`,
      // so the thread-local trace belongs to this request (or is unset for
      // a request refused before routing).
      hooks.after = [o_log = o.access_log,
                     proxies = listener.trusted_proxies.value_or(o.trusted_proxies), metrics](
                        const httplib::Request& req, const httplib::Response& res) {
        RequestTrace& trace = current_trace();
        const double seconds =
            trace.started ? std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                          trace.start)
                                .count()
                          : 0.0;
        if (metrics) {
          Metrics::RouteStats* stats = trace.stats;
          if (!stats) stats = metrics->unmatched(req.method);
          stats->observe(res.status, seconds);
        }
        if (o_log) {
          spdlog::info("http {} {} {} {:.1f}ms {}", req.method, loggable_path(raw_path(req)),
                       res.status, seconds * 1000.0, client_ip(req, proxies));
        }
        trace = RequestTrace{};
      };
      svr.set_hooks(std::move(hooks));

      const bool unix_socket = !bind.unix_path.empty();
      const std::string where =
          unix_socket ? "unix:" + bind.unix_path : fmt::format("{}:{}", bind.host, bind.port);
      auto abandon = [this] {
        for (auto& started : instances_) ::close(started->fd);
        instances_.clear();
      };
      if (unix_socket) {
        svr.set_address_family(AF_UNIX);  // cpp-httplib then takes the host as the path
        if (auto cleared = clear_stale_socket(bind.unix_path); !cleared) {
          abandon();
          return cleared;
        }
      }
      // For AF_UNIX the port is unused, but 0 would make cpp-httplib look
      // up the bound port with getsockname() and fail.
      if (!svr.bind_to_port(unix_socket ? bind.unix_path : bind.host, unix_socket ? 80 : bind.port)) {
        const int saved = errno;
        abandon();  // the failed socket was closed by the library
        return fail(ErrorCode::kIo, "cannot listen on " + where, std::strerror(saved));
      }
      if (unix_socket) {
        raw->unix_path = bind.unix_path;
        if (bind.unix_mode && ::chmod(bind.unix_path.c_str(), *bind.unix_mode) != 0) {
          const int saved = errno;
          ::close(raw->fd);
          abandon();
          return fail(ErrorCode::kIo, "cannot set the mode of " + where, std::strerror(saved));
        }
      }
      // cpp-httplib 0.11.4 compiles in a listen backlog of 5: a burst of new
      // connections overflows it and clients wait for a 200 ms+ SYN
      // retransmission. Linux lets listen() be called again on a listening
      // socket to change the backlog, so raise it before serving.
      ::listen(raw->fd, o.listen_backlog);
      bound_.push_back(unix_socket ? BoundAddress{listener.name, where, 0}
                                   : BoundAddress{listener.name, bind.host, local_port(raw->fd)});
      instances_.push_back(std::move(instance));
    }
  }

  for (auto& instance : instances_) {
    Instance* raw = instance.get();
    raw->thread = std::thread([raw] {
      raw->server.listen_after_bind();
      raw->finished = true;
    });
  }
  // stop() only acts on a running httplib::Server; wait until each is,
  // so a stop() right after start() is never lost.
  for (auto& instance : instances_) {
    while (!instance->server.is_running() && !instance->finished) std::this_thread::yield();
  }
  return ok();
}

std::vector<int> Server::bound_ports() const {
  std::vector<int> ports;
  for (const auto& b : bound_) ports.push_back(b.port);
  return ports;
}

void Server::stop() {
  std::lock_guard lock(mutex_);
  stop_requested_ = true;
  for (auto& instance : instances_) instance->server.stop();
}

void Server::wait() {
  // Threads are only added by start() on this same owning thread.
  for (auto& instance : instances_) {
    if (instance->thread.joinable()) instance->thread.join();
  }
}

}  // namespace gatehouse::http
