// Durable whole-file writes (see durable_file.h).
#include "tools/agency/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace tokhai::tools {
namespace {

core::Error write_error(const std::filesystem::path& path) {
  return core::Error{"file.write",
                     {"Không ghi được tệp (ổ đĩa đầy, hoặc không có quyền ghi).",
                      "Cannot write the file (disk full, or no permission to write)."},
                     path.string()};
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

}  // namespace

core::Result<core::Done> write_file_durably(const std::filesystem::path& path,
                                            std::string_view bytes, unsigned mode) {
  std::filesystem::path temporary = path;
  temporary += ".partial";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        static_cast<mode_t>(mode));
  if (fd < 0) return write_error(path);
  // open() applies the umask; set the mode asked for exactly.
  const bool written =
      ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && write_all(fd, bytes) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || ::rename(temporary.c_str(), path.c_str()) != 0 ||
      !sync_folder(path.parent_path())) {
    ::unlink(temporary.c_str());
    return write_error(path);
  }
  return core::Done{};
}

}  // namespace tokhai::tools
