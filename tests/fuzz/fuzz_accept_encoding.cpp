// fuzz_accept_encoding: the libFuzzer target of the Accept-Encoding reader
// (server/accept_encoding.h) that picks the precompressed copy of a static
// file.
//
// An input is a header value. Whatever it holds, reading it must not crash or
// trip a sanitizer, and the answers must hold together: the coding's case
// does not matter; in a header without parameters, a coding added after a
// comma is accepted, and with ";q=0" added to every entry nothing is.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/accept_encoding.h"

using tokhai::server::accepts_encoding;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string header(reinterpret_cast<const char*>(data), size);
  for (const std::string_view coding : {"br", "gzip"}) {
    const bool accepted = accepts_encoding(header, coding);
    const std::string upper = coding == "br" ? "BR" : "GZIP";
    if (accepts_encoding(header, upper) != accepted) std::abort();
  }
  if (header.find(';') != std::string::npos) return 0;
  // Without parameters every coding named is accepted...
  if (!accepts_encoding(header + ",br", "br")) std::abort();
  // ...and with ";q=0" on every entry none is.
  std::string weightless;
  std::size_t start = 0;
  while (true) {
    const auto comma = header.find(',', start);
    weightless += header.substr(start, comma - start) + ";q=0";
    if (comma == std::string::npos) break;
    weightless += ',';
    start = comma + 1;
  }
  if (accepts_encoding(weightless, "br") || accepts_encoding(weightless, "gzip")) std::abort();
  return 0;
}
