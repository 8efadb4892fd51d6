// Files the person handles: one offered to keep (a download, e.g. a vault's
// backup) and one chosen from the phone (the file chooser, e.g. a backup to
// bring back).
//
// The chooser must be opened while handling a tap (browsers open it only
// shortly after a user's gesture). What is chosen arrives later: the platform
// asks for a frame, and take_chosen_file() hands it over once.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tokhai::platform {

// Offers `bytes` to the person as a file named `file_name` (saved where the
// browser saves downloads).
void offer_download(const std::string& file_name, const std::string& media_type,
                    std::span<const unsigned char> bytes);

// Opens the chooser for one file of the types in `accept` (as in HTML's
// accept attribute, e.g. ".tokhai,application/json"). A file larger than
// `max_bytes` is not read: it arrives with `too_large` set and no bytes.
void choose_file(const std::string& accept, std::size_t max_bytes);

struct ChosenFile {
  std::string name;
  std::size_t size = 0;
  bool too_large = false;
  std::string error;  // why it could not be read, in English from the browser
  std::vector<unsigned char> bytes;
};
// The file chosen since the last call, once; nullopt while none is waiting.
std::optional<ChosenFile> take_chosen_file();

}  // namespace tokhai::platform
