// What the outbox and the status lookup read from a server's answer besides
// its main body: the reason code of an error body (api_error.h shape,
// {"error":{"code":"…",…}}).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tokhai::sync {

// The "error"."code" of a JSON error body when it is a plausible code (1–64
// characters of a–z 0–9 _ . -); nullopt for anything else (an HTML page from a
// proxy, a truncated body).
std::optional<std::string> server_error_code(std::string_view body);

}  // namespace tokhai::sync
