// The browser side of platform/network.h.
//
// Implemented features:
//  [x] sync::Transport over XMLHttpRequest to the page's origin: any status is
//      a response (4xx/5xx included), the body as exact bytes (arraybuffer)
//  [x] Upload progress (xhr.upload.onprogress). fetch() cannot report it: a
//      streamed request body needs HTTP/2 and duplex "half", and still says
//      nothing of what reached the network. That is why this is not fetch.
//  [x] Failures: no connection / offline → offline; xhr.timeout → timeout; an
//      error after the response's headers arrived → truncated
//  [x] Completions always later, from the browser's event loop (never inside
//      send()); none after the transport is destroyed
//  [x] navigator.onLine and the `online` / `offline` events
//
// Requests wait in Module.tokhaiRequests (by number) while on the network; a
// finished one calls the exported tokhai_request_done with its results in
// buffers from _malloc, which the C++ side frees.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

#include "platform/frame_host.h"
#include "platform/network.h"

namespace tokhai::platform {
namespace {

// The bodies are JavaScript: clang-format must not touch them.
// clang-format off
EM_JS(void, js_send_request, (double id, const char* method, const char* path,
                              const char* headers, const unsigned char* body, double body_size,
                              double timeout_ms), {
  const requests = Module.tokhaiRequests = Module.tokhaiRequests || new Map();
  const xhr = new XMLHttpRequest();
  requests.set(id, xhr);
  let headersArrived = false;
  let finished = false;
  const copy = (bytes) => {
    const out = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, out);
    return out;
  };
  const finish = (failure) => {
    if (finished) return;
    finished = true;
    requests.delete(id);
    let headerText = "";
    let bodyBytes = new Uint8Array(0);
    let status = 0;
    if (failure === 0) {
      status = xhr.status;
      headerText = xhr.getAllResponseHeaders();
      bodyBytes = new Uint8Array(xhr.response || new ArrayBuffer(0));
    }
    const headerBytes = new TextEncoder().encode(headerText);
    _tokhai_request_done(id, failure, status, copy(headerBytes), headerBytes.length,
                         copy(bodyBytes), bodyBytes.length);
  };
  xhr.open(UTF8ToString(method), UTF8ToString(path));
  xhr.responseType = "arraybuffer";
  xhr.timeout = timeout_ms;
  for (const line of UTF8ToString(headers).split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) xhr.setRequestHeader(line.slice(0, colon), line.slice(colon + 1));
  }
  // HEADERS_RECEIVED or LOADING: an answer began. (DONE also follows a
  // network error, before onerror, so it says nothing.)
  xhr.onreadystatechange = () => {
    if (xhr.readyState === 2 || xhr.readyState === 3) headersArrived = true;
  };
  // Failure numbers: 0 none, 1 offline, 2 timeout, 3 connection reset, 4 truncated.
  xhr.onload = () => finish(xhr.status === 0 ? 3 : 0);
  xhr.ontimeout = () => finish(2);
  xhr.onerror = () => finish(headersArrived ? 4 : 1);
  xhr.onabort = () => finish(3);
  if (body_size > 0) {
    xhr.upload.onprogress = (event) => {
      if (!finished) _tokhai_request_progress(id, event.loaded, event.lengthComputable ? event.total : body_size);
    };
  }
  try {
    xhr.send(body_size > 0 ? HEAPU8.slice(body, body + body_size) : null);
  } catch (error) {
    setTimeout(() => finish(1), 0);
  }
});

EM_JS(void, js_forget_request, (double id), {
  const requests = Module.tokhaiRequests;
  if (!requests || !requests.has(id)) return;
  const xhr = requests.get(id);
  requests.delete(id);
  xhr.onload = xhr.onerror = xhr.ontimeout = xhr.onabort = null;
  if (xhr.upload) xhr.upload.onprogress = null;
  xhr.abort();
});

EM_JS(int, js_network_online, (), {
  return navigator.onLine === false ? 0 : 1;
});

EM_JS(void, js_listen_network, (), {
  if (Module.tokhaiNetworkListening) return;
  Module.tokhaiNetworkListening = true;
  window.addEventListener("online", () => _tokhai_network_changed(1));
  window.addEventListener("offline", () => _tokhai_network_changed(0));
});
// clang-format on

class BrowserTransport;

struct PendingRequest {
  BrowserTransport* owner = nullptr;
  sync::HttpCompletion done;
  sync::HttpProgress progress;
};

std::map<double, PendingRequest>& pending() {
  static std::map<double, PendingRequest> requests;
  return requests;
}

double next_request_id() {
  static double last = 0;
  return ++last;
}

std::string header_lines(const sync::HttpHeaders& headers) {
  std::string lines;
  for (const sync::HttpHeader& header : headers) {
    // A line break inside a header would start another header: never sent.
    if (header.name.find_first_of("\r\n:") != std::string::npos ||
        header.value.find_first_of("\r\n") != std::string::npos) {
      continue;
    }
    lines += header.name + ":" + header.value + "\n";
  }
  return lines;
}

// "name: value\r\n" lines as the browser gives them (getAllResponseHeaders).
sync::HttpHeaders parse_header_lines(std::string_view text) {
  sync::HttpHeaders headers;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  return headers;
}

class BrowserTransport final : public sync::Transport {
 public:
  ~BrowserTransport() override {
    auto& requests = pending();
    for (auto it = requests.begin(); it != requests.end();) {
      if (it->second.owner == this) {
        js_forget_request(it->first);
        it = requests.erase(it);
      } else {
        ++it;
      }
    }
  }

  void send(sync::HttpRequest request, sync::HttpCompletion done,
            sync::HttpProgress progress) override {
    const double id = next_request_id();
    pending()[id] = PendingRequest{this, std::move(done), std::move(progress)};
    const std::string method(sync::http_method_name(request.method));
    js_send_request(id, method.c_str(), request.path.c_str(), header_lines(request.headers).c_str(),
                    reinterpret_cast<const unsigned char*>(request.body.data()),
                    static_cast<double>(request.body.size()),
                    static_cast<double>(request.timeout_ms));
  }
};

std::function<void(bool)>& network_listener() {
  static std::function<void(bool)> listener;
  return listener;
}

}  // namespace

std::unique_ptr<sync::Transport> make_browser_transport() {
  return std::make_unique<BrowserTransport>();
}

bool network_online() { return js_network_online() != 0; }

void set_network_listener(std::function<void(bool online)> listener) {
  network_listener() = std::move(listener);
  js_listen_network();
}

}  // namespace tokhai::platform

using tokhai::platform::pending;

// A request finished (see js_send_request). Takes ownership of both buffers.
extern "C" EMSCRIPTEN_KEEPALIVE void tokhai_request_done(double id, int failure, int status,
                                                         char* headers, double headers_size,
                                                         char* body, double body_size) {
  const std::string header_text(headers, static_cast<std::size_t>(headers_size));
  std::string body_text(body, static_cast<std::size_t>(body_size));
  std::free(headers);
  std::free(body);
  auto& requests = pending();
  const auto found = requests.find(id);
  if (found == requests.end()) return;  // its transport is gone
  tokhai::sync::HttpCompletion done = std::move(found->second.done);
  requests.erase(found);
  tokhai::sync::HttpResponse response;
  switch (failure) {
    case 0:
      response.status = status;
      response.headers = tokhai::platform::parse_header_lines(header_text);
      response.body = std::move(body_text);
      break;
    case 2:
      response.failure = tokhai::sync::NetworkFailure::timeout;
      break;
    case 3:
      response.failure = tokhai::sync::NetworkFailure::connection_reset;
      break;
    case 4:
      response.failure = tokhai::sync::NetworkFailure::truncated;
      break;
    default:
      response.failure = tokhai::sync::NetworkFailure::offline;
      break;
  }
  if (done) done(std::move(response));
  tokhai::platform::request_frame();
}

extern "C" EMSCRIPTEN_KEEPALIVE void tokhai_request_progress(double id, double sent_bytes,
                                                             double total_bytes) {
  auto& requests = pending();
  const auto found = requests.find(id);
  if (found == requests.end() || !found->second.progress) return;
  found->second.progress(static_cast<std::uint64_t>(sent_bytes),
                         static_cast<std::uint64_t>(total_bytes));
  tokhai::platform::request_frame();
}

extern "C" EMSCRIPTEN_KEEPALIVE void tokhai_network_changed(int online) {
  auto& listener = tokhai::platform::network_listener();
  if (listener) listener(online != 0);
  tokhai::platform::request_frame();
}
