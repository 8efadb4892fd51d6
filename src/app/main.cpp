// The phone app's entry point: the one place that wires concrete adapters
// (the browser platform) to the app.
#include <memory>

#include "app/citizen_app.h"
#include "core/form_catalogue.h"
#include "crypto/encoding.h"
#include "platform/frame_host.h"
#include "platform/network.h"
#include "platform/state_bridge.h"

namespace {

// Files packaged into the app at build time (see src/app/CMakeLists.txt).
constexpr const char* kFormsDir = "/forms";
constexpr const char* kFontPath = "/fonts/NotoSans-vi.ttf";
// The folder kept in the browser's IndexedDB: the vaults' database.
constexpr const char* kVaultDir = "/vault";
// The server's Ed25519 key, pinned at build time from TOKHAI_PUBLIC_KEYS
// (src/app/CMakeLists.txt); empty when the build had none.
constexpr const char* kPinnedServerKey =
#include "app/pinned_keys.inc"
    ;

}  // namespace

int main() {
  using namespace tokhai;
  app::Theme theme;
  if (!theme.load_font(kFontPath)) {
    platform::show_fatal_error("Ứng dụng bị thiếu phông chữ; hãy tải lại trang.",
                               "The app's font is missing; please reload the page.");
    return 1;
  }
  if (!platform::create_graphics_context()) return 1;
  auto server_key = crypto::from_base64(kPinnedServerKey);
  // The app lives as long as the page: frames keep arriving after main returns.
  // The transport is made first so that it outlives the app's outbox.
  static auto transport = platform::make_browser_transport();
  static auto citizen_app = std::make_unique<app::CitizenApp>(
      core::load_form_catalogue(kFormsDir), kFormsDir, kVaultDir, std::move(theme), *transport,
      server_key ? std::move(server_key).value() : crypto::Bytes());
  platform::set_state_provider([] { return citizen_app->state_json(); });
  platform::set_network_listener([](bool online) { citizen_app->network_changed(online); });
  platform::run_main_loop(*citizen_app);
  return 0;
}
