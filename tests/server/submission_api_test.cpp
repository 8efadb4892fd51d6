// PUT /api/v1/submissions/{id} on the real server: each case of the
// documented contract answered with its status and reason code, the receipt
// verified as the app verifies it, idempotent resends (also when many arrive
// at once), the rate limit, and the rejections counted in /metrics.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <vector>

#include "api_test_support.h"
#include "crypto/encoding.h"
#include "crypto/signing.h"
#include "server_sandbox.h"
#include "wire/receipt.h"

using namespace tokhai;
using namespace tokhai::server::testing;

TEST_CASE("a valid envelope is stored: 201 and a receipt that verifies against the server key",
          "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const auto applicant = crypto::generate_signing_key_pair();
  const std::string envelope = make_envelope(sandbox.keys(), applicant);
  const std::string id = envelope_id(envelope);

  auto created = put_submission(*client, id, envelope);
  REQUIRE(created);
  CHECK(created->status == 201);
  CHECK(created->get_header_value("Content-Type") == "application/json");
  auto receipt = wire::parse_receipt(crypto::as_bytes(created->body));
  REQUIRE(receipt);
  CHECK(
      wire::verify_receipt(receipt.value(), sandbox.keys().server().public_key, id, envelope).ok());
  CHECK(wire::is_dossier_code(receipt.value().dossier_code));
  CHECK(receipt.value().submission_id == id);

  SECTION("an identical resend gets 200 and the same receipt, byte for byte") {
    auto again = put_submission(*client, id, envelope);
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(again->body == created->body);
  }
  SECTION("the same id with other content (the applicant's own) is a 409 conflict") {
    EnvelopeRecipe other;
    other.id = id;
    other.payload = R"({"full_name":"Lê Thị Lan"})";
    auto conflict = put_submission(*client, id, make_envelope(sandbox.keys(), applicant, other));
    REQUIRE(conflict);
    CHECK(conflict->status == 409);
    CHECK(error_code(conflict->body) == "submission.conflict");
    auto original = put_submission(*client, id, envelope);
    REQUIRE(original);
    CHECK(original->status == 200);
    CHECK(original->body == created->body);
  }
  SECTION("another applicant's envelope under the existing id is a 409 conflict") {
    EnvelopeRecipe replay;
    replay.id = id;
    const auto intruder = crypto::generate_signing_key_pair();
    auto conflict = put_submission(*client, id, make_envelope(sandbox.keys(), intruder, replay));
    REQUIRE(conflict);
    CHECK(conflict->status == 409);
    CHECK(error_code(conflict->body) == "submission.conflict");
  }
  SECTION("a receipt does not verify for other bytes or another server key") {
    CHECK_FALSE(wire::verify_receipt(receipt.value(), sandbox.keys().server().public_key, id,
                                     envelope + " ")
                    .ok());
    CHECK_FALSE(wire::verify_receipt(receipt.value(),
                                     crypto::generate_signing_key_pair().public_key, id, envelope)
                    .ok());
  }
}

TEST_CASE("invalid envelopes are refused with their documented status and reason", "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const auto applicant = crypto::generate_signing_key_pair();
  const SandboxKeys& keys = sandbox.keys();

  struct Case {
    std::string name;
    std::string id;
    std::string body;
    int status;
    std::string code;
  };
  std::vector<Case> cases;
  {
    const std::string valid = make_envelope(keys, applicant);
    cases.push_back({"forged signature (a signed member changed)", envelope_id(valid),
                     replaced(valid, "2026-12-03T08:30:00Z", "2026-12-03T08:30:01Z"), 422,
                     "envelope.bad_signature"});
  }
  {
    const crypto::Bytes other_hash(32, 0xab);
    EnvelopeRecipe recipe;
    recipe.definition_sha256 = &other_hash;
    const std::string text = make_envelope(keys, applicant, recipe);
    cases.push_back(
        {"wrong form hash", envelope_id(text), text, 422, "submission.form_hash_mismatch"});
  }
  {
    EnvelopeRecipe recipe;
    recipe.form_version = "2027.1";
    const std::string text = make_envelope(keys, applicant, recipe);
    cases.push_back(
        {"unknown form version", envelope_id(text), text, 422, "submission.unknown_form"});
  }
  {
    EnvelopeRecipe recipe;
    recipe.form_id = "test.no-key";  // its file has no agency key: not accepted
    recipe.sealed_to = &keys.ubnd().box.public_key;
    const std::string text = make_envelope(keys, applicant, recipe);
    cases.push_back({"a form left out of the catalogue", envelope_id(text), text, 422,
                     "submission.unknown_form"});
  }
  {
    EnvelopeRecipe recipe;
    recipe.sealed_to = &keys.csgt().box.public_key;  // another agency's key
    const std::string text = make_envelope(keys, applicant, recipe);
    cases.push_back({"sealed to the wrong agency key", envelope_id(text), text, 422,
                     "submission.wrong_agency_key"});
  }
  {
    const std::string text = make_envelope(keys, applicant);
    cases.push_back(
        {"id in the URL differs", wire::new_submission_id(), text, 400, "submission.id_mismatch"});
    cases.push_back({"bad id in the URL", "ABC", text, 400, "submission.bad_id"});
    cases.push_back({"not canonical (a space added)", envelope_id(text),
                     replaced(text, ",\"created_at\"", ", \"created_at\""), 400,
                     "envelope.not_canonical"});
    cases.push_back({"upper-case id in the URL", "5F0C9A2E7B3D41C8A6E2D9F0B4C7A1E3", text, 400,
                     "submission.bad_id"});
  }
  const std::string id = wire::new_submission_id();
  cases.push_back({"malformed JSON", id, "{\"id\":", 400, "envelope.not_json"});
  cases.push_back({"not an envelope", id, R"({"format":"other"})", 400, "envelope.format"});
  cases.push_back(
      {"over 1 MiB", id, std::string(wire::kMaxEnvelopeBytes + 1, 'a'), 413, "envelope.too_large"});

  for (const auto& c : cases) {
    INFO(c.name);
    auto response = put_submission(*client, c.id, c.body);
    REQUIRE(response);
    CHECK(response->status == c.status);
    CHECK(error_code(response->body) == c.code);
  }

  // Each refusal is counted by reason, and none of them stored anything.
  CHECK(metric_value(*client,
                     R"(tokhai_submissions_rejected_total{reason="envelope.bad_signature"})") ==
        1.0);
  CHECK(metric_value(*client,
                     R"(tokhai_submissions_rejected_total{reason="submission.unknown_form"})") ==
        2.0);
  CHECK(metric_value(*client, R"(tokhai_submissions_rejected_total{reason="submission.bad_id"})") ==
        2.0);
  CHECK(metric_value(*client,
                     R"(tokhai_submissions_rejected_total{reason="envelope.too_large"})") == 1.0);
  CHECK(metric_value_once(
            *client, R"(tokhai_http_requests_total{route="/api/v1/submissions/{id}",status="422"})",
            5.0) == 5.0);
  const auto all = static_cast<double>(cases.size());
  CHECK(metric_value_once(
            *client,
            R"(tokhai_http_request_duration_seconds_count{route="/api/v1/submissions/{id}"})",
            all) == all);
  CHECK_FALSE(
      metric_value(*client, R"(tokhai_submissions_rejected_total{reason="submission.conflict"})"));

  // The log names ids and codes, never the envelope's content.
  const std::string log = server.process().stderr_text();
  CHECK(log.find("Lê Thị Mai") == std::string::npos);
  CHECK(log.find(R"("reason":"envelope.bad_signature")") != std::string::npos);
}

// Also 16 new connections at once: more than cpp-httplib's listen backlog of
// 5, which the server widens (server_runner.cpp).
TEST_CASE("many identical resends at once: one 201, every other answer 200 with the same receipt",
          "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  const auto applicant = crypto::generate_signing_key_pair();
  const std::string envelope = make_envelope(sandbox.keys(), applicant);
  const std::string id = envelope_id(envelope);

  constexpr int kSenders = 16;
  std::vector<int> statuses(kSenders, 0);
  std::vector<std::string> bodies(kSenders);
  std::vector<std::thread> senders;
  for (int i = 0; i < kSenders; ++i) {
    senders.emplace_back([&, i] {
      auto client = server.client();
      auto response = put_submission(*client, id, envelope);
      if (response) {
        statuses[static_cast<std::size_t>(i)] = response->status;
        bodies[static_cast<std::size_t>(i)] = response->body;
      } else {
        bodies[static_cast<std::size_t>(i)] =
            "no response: " + httplib::to_string(response.error());
      }
    });
  }
  for (auto& sender : senders) sender.join();
  CAPTURE(bodies);
  CHECK(std::count(statuses.begin(), statuses.end(), 201) == 1);
  CHECK(std::count(statuses.begin(), statuses.end(), 200) == kSenders - 1);
  CHECK(std::set<std::string>(bodies.begin(), bodies.end()).size() == 1);
}

TEST_CASE("over the rate limit a client gets 429 rate_limited with Retry-After") {
  ServerSandbox sandbox;
  RunningServer server(sandbox, {{"RATE_LIMIT", "1"}, {"RATE_BURST", "2"}});
  auto client = server.client();
  const auto applicant = crypto::generate_signing_key_pair();
  std::vector<int> statuses;
  std::string last_body;
  std::string retry_after;
  for (int i = 0; i < 3; ++i) {
    const std::string envelope = make_envelope(sandbox.keys(), applicant);
    auto response = put_submission(*client, envelope_id(envelope), envelope);
    REQUIRE(response);
    statuses.push_back(response->status);
    last_body = response->body;
    retry_after = response->get_header_value("Retry-After");
  }
  CHECK(statuses == std::vector<int>{201, 201, 429});
  CHECK(error_code(last_body) == "rate_limited");
  CHECK(std::stoi(retry_after) >= 1);
  auto forms = client->Get("/api/v1/forms");  // the same bucket for every API route
  REQUIRE(forms);
  CHECK(forms->status == 429);
  auto health = client->Get("/healthz");  // not an API route
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(metric_value(*client, R"(tokhai_submissions_rejected_total{reason="rate_limited"})") ==
        1.0);
}

TEST_CASE("GET /api/v1/forms lists the accepted forms with their file hashes; /keys the key file") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  auto forms = client->Get("/api/v1/forms");
  REQUIRE(forms);
  CHECK(forms->status == 200);
  const auto json = nlohmann::json::parse(forms->body);
  REQUIRE(json.at("forms").size() == 2);  // test.no-key is left out
  CHECK(json["forms"][0] ==
        nlohmann::json{{"id", kCsgtForm},
                       {"version", kTestFormVersion},
                       {"definition_sha256", crypto::to_hex(sandbox.keys().form_sha256(kCsgtForm))},
                       {"agency", "csgt"}});
  CHECK(json["forms"][1]["id"] == kUbndForm);
  CHECK(json["forms"][1]["agency"] == "ubnd-xa");
  CHECK(server.process().stderr_text().find(R"("code":"form.no_agency_key")") != std::string::npos);

  auto keys = client->Get("/api/v1/keys");
  REQUIRE(keys);
  CHECK(keys->status == 200);
  auto parsed = wire::parse_public_keys(keys->body);
  REQUIRE(parsed);
  CHECK(parsed.value().server_signing_public_key == sandbox.keys().server().public_key);
  CHECK(parsed.value().agencies.size() == 2);
}
