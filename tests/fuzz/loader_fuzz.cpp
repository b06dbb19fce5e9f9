// Fuzzes the record loader: parse_practice on any bytes, against the shipped reference data.
// The file name is the record's own id when it has one, so a valid record gets through to the
// end of validation rather than stopping at "id does not match the file name".
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.h"

namespace {

// libFuzzer calls LLVMFuzzerTestOneInput with no user state, so the reference data (read from
// corpus/reference once) lives in this function-local static.
const cohesio::Reference& reference() {
    static const cohesio::Reference instance = cohesio::fuzz::load_reference();
    return instance;
}

std::string file_name_for(const std::string& bytes) {
    const auto record = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (record.is_object() && record.contains("id") && record["id"].is_string()) {
        return "corpus/practices/" + record["id"].get<std::string>() + ".json";
    }
    return "corpus/practices/x.json";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    (void)cohesio::parse_practice(bytes, file_name_for(bytes), reference());
    return 0;
}
