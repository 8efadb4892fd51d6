// Files that must outlive the page: one folder of the app's file system kept
// in the browser's IndexedDB (Emscripten's IDBFS).
//
// The folder lives in memory while the app runs; what is in IndexedDB is
// copied in when the folder is opened, and copied out by save_persistent_folder().
// Saves never overlap: one asked for while another runs is done right after
// it, covering every change made until it starts. A change is durable — may
// be shown as "Đã lưu" — only once durable_save_ticket() has reached the
// ticket of the save that followed it.
//
// Everything here is asynchronous: the platform asks for a frame when a load
// or a save finishes, and the app reads the new state then.
#pragma once

#include <cstdint>
#include <string>

namespace tokhai::platform {

enum class FolderState { opening, ready, failed };

// Mounts `folder` (e.g. "/vault") and copies in what IndexedDB holds.
void open_persistent_folder(const std::string& folder);
FolderState persistent_folder_state();

// Asks for the folder to be written to IndexedDB; returns this save's ticket
// (1, 2, 3, …).
std::uint64_t save_persistent_folder();
// The highest ticket whose save has finished successfully (0: none yet).
std::uint64_t durable_save_ticket();
// Why the last load or save failed, in English from the browser (empty when
// the last one succeeded).
std::string persistent_folder_error();
// Whether the last load or save failed (persistent_folder_error() not empty),
// cheap enough to ask on every frame.
bool persistent_folder_failed();

// What the browser says about the app's storage.
struct StorageEstimate {
  bool known = false;      // the browser answered
  bool persisted = false;  // storage will not be cleared to free space
  double usage_bytes = 0;
  double quota_bytes = 0;
};
// Asks the browser to keep the app's storage (navigator.storage.persist) and
// for its usage and quota; the answer arrives later (a frame is requested).
void request_persistent_storage();
StorageEstimate storage_estimate();

}  // namespace tokhai::platform
