#include "service/server/web_page.h"

// Compiled in by textlens_embed_file (service/server/CMakeLists.txt).
namespace textlens::embedded {
std::string_view WebIndexHtml();
std::string_view WebAppJs();
std::string_view WebAppCss();
}  // namespace textlens::embedded

namespace textlens::service::server {

std::optional<WebFile> FindWebFile(std::string_view path) {
  if (path == "/" || path == "/index.html") {
    return WebFile{"text/html; charset=utf-8", embedded::WebIndexHtml()};
  }
  if (path == "/app.js") {
    return WebFile{"text/javascript; charset=utf-8", embedded::WebAppJs()};
  }
  if (path == "/app.css") {
    return WebFile{"text/css; charset=utf-8", embedded::WebAppCss()};
  }
  return std::nullopt;
}

}  // namespace textlens::service::server
