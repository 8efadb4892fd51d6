// accepts_encoding: reading a request's Accept-Encoding header (RFC 9110
// §12.5.3) for the static file routes, which send a precompressed copy of a
// file when the browser accepts its coding. Fuzzed by
// tests/fuzz/fuzz_accept_encoding.cpp.
#pragma once

#include <string_view>

namespace tokhai::server {

// Whether the Accept-Encoding value `header` accepts the content coding
// `coding` ("br", "gzip"): named (case-insensitively) or matched by "*", with
// a q-value other than 0; an entry naming the coding wins over "*". An empty
// or absent header accepts no coding (only the file as it is).
bool accepts_encoding(std::string_view header, std::string_view coding);

}  // namespace tokhai::server
