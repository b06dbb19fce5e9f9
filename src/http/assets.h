// The web page and the embeddable search box, compiled into the binary from src/web/ so the
// service needs no files beside it and makes no call to another site.
#pragma once

#include <string_view>
#include <vector>

namespace cohesio {

struct Asset {
    std::string_view path;          // URL path, e.g. "/app.js"
    std::string_view content_type;  // without parameters; served as UTF-8
    std::string_view body;
};

const std::vector<Asset>& web_assets();

}  // namespace cohesio
