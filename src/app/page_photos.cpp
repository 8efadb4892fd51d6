// The photos of papers a filing's attachment fields hold (see page_photos.h).
#include "app/page_photos.h"

#include <GLES3/gl3.h>

#include <utility>

#include "crypto/encoding.h"
#include "crypto/random.h"
#include "media/document_photo.h"
#include "media/media_error.h"
#include "platform/photos.h"
#include "storage/attachment_records.h"

namespace tokhai::app {
namespace {

constexpr const char* kPhotoMediaType = "image/jpeg";

// The field id of a path ("giay_chung_sinh", or "rows[2].scan" in a table).
std::string field_of(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string new_photo_id() {
  return "p" + crypto::to_hex(crypto::random_bytes(12));
}  // is_photo_id

}  // namespace

PagePhotos::~PagePhotos() { forget_all(); }

void PagePhotos::set_vault(storage::UnlockedVault* vault) {
  if (vault == vault_) return;
  forget_all();
  vault_ = vault;
}

void PagePhotos::forget_all() {
  for (auto& [id, thumbnail] : thumbnails_) {
    if (thumbnail.texture != 0) glDeleteTextures(1, &thumbnail.texture);
  }
  thumbnails_.clear();
  stored_photos_.clear();
  // Answers still coming are for a vault no longer open: poll() drops them.
  for (auto& [ticket, job] : jobs_) job.form_id.clear();
  arrivals_.clear();
  problems_.clear();
}

void PagePhotos::choose(const std::string& form_id, const std::string& path,
                        const std::string& replaces, bool camera) {
  problems_.erase(field_key(form_id, path));
  // A chooser the person closed without choosing may never answer (browsers
  // without the input's cancel event): a new choice for the field replaces it,
  // and a late answer for it is dropped.
  std::erase_if(jobs_, [&](const auto& entry) {
    return entry.second.kind == Job::Kind::choose && entry.second.form_id == form_id &&
           entry.second.path == path;
  });
  const std::uint32_t ticket = next_ticket_++;
  jobs_[ticket] = Job{Job::Kind::choose, form_id, path, replaces, {}};
  platform::choose_photo(ticket, camera);
}

bool PagePhotos::processing(const std::string& form_id, const std::string& path) const {
  for (const auto& [ticket, job] : jobs_) {
    if (job.kind == Job::Kind::choose && job.form_id == form_id && job.path == path) return true;
  }
  return false;
}

const core::Error* PagePhotos::problem(const std::string& form_id, const std::string& path) const {
  auto it = problems_.find(field_key(form_id, path));
  return it == problems_.end() ? nullptr : &it->second;
}

bool PagePhotos::poll() {
  bool changed = false;
  while (auto result = platform::take_photo_result()) {
    changed = true;
    auto it = jobs_.find(result->ticket);
    if (it == jobs_.end()) continue;
    const Job job = std::move(it->second);
    jobs_.erase(it);
    if (job.kind == Job::Kind::thumbnail) {
      if (result->error) {
        thumbnails_[job.photo_id].state = Thumbnail::State::missing;
      } else {
        keep_thumbnail(job.photo_id, result->thumbnail.width, result->thumbnail.height,
                       result->thumbnail.rgb);
      }
      continue;
    }
    if (job.form_id.empty() || vault_ == nullptr) continue;  // the vault was locked meanwhile
    const std::string key = field_key(job.form_id, job.path);
    if (result->error) {
      // The person closed the chooser: nothing to say.
      if (result->error->code == "photo.cancelled") continue;
      core::Error problem = *result->error;
      // Refused by the browser before reading: media's own words for it.
      if (problem.code == "media.too_large" && problem.message.vi.empty()) {
        problem = media::too_large_error(media::PhotoLimits{}.max_input_bytes);
      }
      problems_[key] = std::move(problem);
      continue;
    }
    const std::string id = new_photo_id();
    auto writer =
        storage::AttachmentRecordWriter::start(*vault_, id, field_of(job.path), kPhotoMediaType);
    core::Result<storage::StoredAttachment> stored = writer ? [&] {
      auto written = writer.value().write(result->jpeg);
      if (!written) return core::Result<storage::StoredAttachment>(written.error());
      return writer.value().finish();
    }()
                                                            : writer.error();
    if (!stored) {
      (void)storage::remove_attachment(*vault_, id);
      problems_[key] = stored.error();
      continue;
    }
    ++stored_;
    note_stored(stored.value());
    keep_thumbnail(id, result->thumbnail.width, result->thumbnail.height, result->thumbnail.rgb);
    arrivals_[job.form_id].push_back(Arrival{job.path, id, job.replaces});
  }
  return changed;
}

std::optional<PagePhotos::Arrival> PagePhotos::take_arrival(const std::string& form_id) {
  auto it = arrivals_.find(form_id);
  if (it == arrivals_.end() || it->second.empty()) return std::nullopt;
  Arrival arrival = std::move(it->second.front());
  it->second.erase(it->second.begin());
  return arrival;
}

void PagePhotos::keep_thumbnail(const std::string& photo_id, int width, int height,
                                const std::vector<unsigned char>& rgb) {
  Thumbnail& thumbnail = thumbnails_[photo_id];
  if (width <= 0 || height <= 0 ||
      rgb.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3) {
    thumbnail.state = Thumbnail::State::missing;
    return;
  }
  if (thumbnail.texture == 0) glGenTextures(1, &thumbnail.texture);
  glBindTexture(GL_TEXTURE_2D, thumbnail.texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB, width, height, 0, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  // ImGui's renderer finds texture 0 bound outside its frames (imgui_gl_baseline.h).
  glBindTexture(GL_TEXTURE_2D, 0);
  thumbnail.state = Thumbnail::State::ready;
  thumbnail.width = width;
  thumbnail.height = height;
}

PagePhotos::Thumbnail PagePhotos::thumbnail(const std::string& photo_id) {
  auto it = thumbnails_.find(photo_id);
  if (it != thumbnails_.end()) return it->second;
  Thumbnail& thumbnail = thumbnails_[photo_id];
  if (vault_ == nullptr) {
    thumbnail.state = Thumbnail::State::missing;
    return thumbnail;
  }
  auto stored = storage::read_attachment(*vault_, photo_id);
  auto bytes =
      stored ? storage::read_attachment_range(*vault_, stored.value(), 0,
                                              static_cast<std::size_t>(stored.value().size_bytes))
             : core::Result<crypto::Bytes>(stored.error());
  if (!bytes) {
    thumbnail.state = Thumbnail::State::missing;
    return thumbnail;
  }
  note_stored(stored.value());
  const std::uint32_t ticket = next_ticket_++;
  jobs_[ticket] = Job{Job::Kind::thumbnail, {}, {}, {}, photo_id};
  platform::make_photo_thumbnail(ticket, std::move(bytes).value());
  return thumbnail;
}

void PagePhotos::note_stored(const storage::StoredAttachment& stored) {
  stored_photos_[stored.id] = {crypto::to_hex(stored.sha256), stored.size_bytes};
}

core::Result<core::Done> PagePhotos::remove(const std::string& photo_id) {
  stored_photos_.erase(photo_id);
  if (auto it = thumbnails_.find(photo_id); it != thumbnails_.end()) {
    if (it->second.texture != 0) glDeleteTextures(1, &it->second.texture);
    thumbnails_.erase(it);
  }
  if (vault_ == nullptr) return core::Done{};
  auto removed = storage::remove_attachment(*vault_, photo_id);
  if (!removed) return removed.error();
  return core::Done{};
}

bool PagePhotos::is_photo_id(std::string_view id) {
  return id.size() == 25 && id[0] == 'p' &&
         id.substr(1).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

core::Result<std::size_t> PagePhotos::sweep(const std::set<std::string>& referenced) {
  if (vault_ == nullptr) return std::size_t{0};
  auto list = vault_->list(storage::kAttachmentKind);
  if (!list) return list.error();
  std::size_t removed = 0;
  for (const storage::RecordMeta& meta : list.value().records) {
    const std::string& id = meta.label.id;
    if (!is_photo_id(id) || referenced.count(id) > 0) continue;
    auto gone = remove(id);
    if (!gone) return gone.error();
    ++removed;
  }
  swept_ += removed;
  return removed;
}

nlohmann::json PagePhotos::state_json() const {
  nlohmann::json thumbnails = nlohmann::json::object();
  for (const auto& [id, thumbnail] : thumbnails_) {
    const char* state = thumbnail.state == Thumbnail::State::ready     ? "ready"
                        : thumbnail.state == Thumbnail::State::missing ? "missing"
                                                                       : "loading";
    thumbnails[id] = {{"state", state}, {"width", thumbnail.width}, {"height", thumbnail.height}};
    if (auto it = stored_photos_.find(id); it != stored_photos_.end()) {
      thumbnails[id]["sha256"] = it->second.first;
      thumbnails[id]["size_bytes"] = it->second.second;
    }
  }
  nlohmann::json problems = nlohmann::json::object();
  for (const auto& [key, error] : problems_) {
    problems[key.substr(key.find('\n') + 1)] = error.code;
  }
  return {{"thumbnails", std::move(thumbnails)},
          {"jobs", jobs_.size()},
          {"stored", stored_},
          {"swept", swept_},
          {"problems", std::move(problems)}};
}

}  // namespace tokhai::app
