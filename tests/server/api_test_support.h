// Small helpers shared by the API tests against a real server: sending an
// envelope, reading error codes and metric values, altering a text.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

namespace tokhai::server::testing {

// PUT /api/v1/submissions/{id} with `body`; throws if no response arrives.
httplib::Result put_submission(httplib::Client& client, std::string_view id,
                               const std::string& body);

// The "id" of an envelope's text.
std::string envelope_id(const std::string& envelope_text);

// The error code of a JSON error body, checking that both messages are there
// ("" when the body is not an error).
std::string error_code(const std::string& body);

// The value of the sample `sample` (name and labels exactly as exposed) in
// GET /metrics, or nullopt when it is not there.
std::optional<double> metric_value(httplib::Client& client, std::string_view sample);

// metric_value once it equals `expected`, or its last value after 3 s: a
// request is counted just after its response is sent.
std::optional<double> metric_value_once(httplib::Client& client, std::string_view sample,
                                        double expected);

// `text` with the first `from` replaced by `to`; the test fails when `text`
// has no `from` (so an alteration never silently tests the original).
std::string replaced(std::string text, std::string_view from, std::string_view to);

}  // namespace tokhai::server::testing
