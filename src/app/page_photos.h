// PagePhotos: the photos of papers a filing's attachment fields hold (issue 7).
//
// An attachment field's answer is the list of its pages' photo ids (core:
// FieldDefinition::max_pages). Each id names a vault attachment
// (storage/attachment_records.h) holding the page photo as the photo worker
// made it (platform/photos.h: upright, at most 1600 px, a JPEG of at most
// 300 KiB without metadata), sealed with the vault's key like every record.
//
// The flow of one page:
//   1. "Chụp ảnh" / "Chọn ảnh có sẵn" (or "Chụp lại" on a page) → choose():
//      the browser opens the camera or the gallery; the file goes to the
//      photo worker;
//   2. the worker's answer → poll(): the photo is written to the vault under a
//      new id, its thumbnail becomes a texture, and an Arrival waits for the
//      form (the field's path, the new id, the id it replaces);
//   3. FormScreen takes the arrival and changes the answer (the draft is then
//      saved with it); a replaced or removed page's photo leaves the vault.
// After a reload the thumbnails of a draft's pages are made again from the
// stored photos (the worker, platform::make_photo_thumbnail).
// When the person signs, sync/photo_sealing.h seals each page for the agency.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/attachment_records.h"
#include "storage/unlocked_vault.h"

namespace tokhai::app {

class PagePhotos {
 public:
  PagePhotos() = default;
  PagePhotos(const PagePhotos&) = delete;
  PagePhotos& operator=(const PagePhotos&) = delete;
  ~PagePhotos();

  // The vault photos are kept in (null: none is open; every photo is then
  // forgotten, and answers waiting are dropped).
  void set_vault(storage::UnlockedVault* vault);

  // Opens the camera or the gallery for a page of field `path` of form
  // `form_id`; `replaces`: the id of the page it retakes (empty: a new page).
  // Call while handling the tap.
  void choose(const std::string& form_id, const std::string& path, const std::string& replaces,
              bool camera);

  // Takes the worker's answers: call once a frame. True when anything changed.
  bool poll();

  // A page stored for a field, for the form to put in its answer.
  struct Arrival {
    std::string path;      // the field
    std::string photo_id;  // the new page
    std::string replaces;  // the page it takes the place of, or empty
  };
  std::optional<Arrival> take_arrival(const std::string& form_id);

  // A photo being made for this field (shown as "Đang xử lý ảnh…").
  bool processing(const std::string& form_id, const std::string& path) const;
  // The last failure for this field (cleared by the next choose()).
  const core::Error* problem(const std::string& form_id, const std::string& path) const;

  // What to draw for a page.
  struct Thumbnail {
    enum class State { loading, ready, missing } state = State::loading;
    unsigned texture = 0;  // a GL texture while ready
    int width = 0, height = 0;
  };
  // Asks for the thumbnail when it is not there yet.
  Thumbnail thumbnail(const std::string& photo_id);

  // Removes the photo from the vault (a page removed or retaken). Errors:
  // those of storage::remove_attachment.
  core::Result<core::Done> remove(const std::string& photo_id);

  // Removes the page photos in the vault that `referenced` does not name (a
  // draft's or filed record's strings): photos of a filing left before its
  // draft was first saved, or of a page whose removal was not saved. Sealed
  // copies for the outbox are not page photos and stay. Returns how many went.
  core::Result<std::size_t> sweep(const std::set<std::string>& referenced);

  // Whether `id` has the shape of a page photo's id ("p" and 24 hex digits).
  static bool is_photo_id(std::string_view id);

  // What state_json() reports: pages known, jobs in flight, problems.
  nlohmann::json state_json() const;

 private:
  struct Job {
    enum class Kind { choose, thumbnail } kind = Kind::choose;
    std::string form_id, path, replaces, photo_id;
  };
  void forget_all();
  void keep_thumbnail(const std::string& photo_id, int width, int height,
                      const std::vector<unsigned char>& rgb);
  std::string field_key(const std::string& form_id, const std::string& path) const {
    return form_id + "\n" + path;
  }

  storage::UnlockedVault* vault_ = nullptr;
  std::uint32_t next_ticket_ = 1;
  std::map<std::uint32_t, Job> jobs_;
  std::map<std::string, std::vector<Arrival>> arrivals_;  // by form id
  std::map<std::string, core::Error> problems_;           // by field_key
  std::map<std::string, Thumbnail> thumbnails_;           // by photo id
  // The stored photos seen since the vault opened: SHA-256 (hex) and size of
  // each JPEG, for state_json (tests compare them with what the agency opens).
  std::map<std::string, std::pair<std::string, std::uint64_t>> stored_photos_;
  void note_stored(const storage::StoredAttachment& stored);
  std::uint64_t stored_ = 0;  // photos stored since start
  std::uint64_t swept_ = 0;   // photos swept since start
};

}  // namespace tokhai::app
