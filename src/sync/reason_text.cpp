// Messages for outbox reasons (reason_text.h).
#include "sync/reason_text.h"

#include <array>

namespace tokhai::sync {
namespace {

struct ReasonMessage {
  std::string_view code;  // exact code, or a prefix ending in '.'
  std::string_view vi;
  std::string_view en;
};

// Exact codes first, then prefixes; the first match wins.
constexpr std::array<ReasonMessage, 14> kMessages = {{
    {"network.offline", "Không có mạng. Hồ sơ sẽ tự gửi khi có mạng trở lại.",
     "No network. The filing will be sent when the network is back."},
    {"network.timeout", "Mạng chậm, chưa gửi xong. Ứng dụng sẽ tự thử lại.",
     "The network is slow and sending did not finish. The app will try again."},
    {"rate_limited", "Máy chủ đang bận. Ứng dụng sẽ tự thử lại sau ít phút.",
     "The server is busy. The app will try again in a few minutes."},
    {"http.429", "Máy chủ đang bận. Ứng dụng sẽ tự thử lại sau ít phút.",
     "The server is busy. The app will try again in a few minutes."},
    {"submission.conflict",
     "Mã hồ sơ này đã được dùng cho một nội dung khác. Hãy liên hệ cơ quan tiếp nhận.",
     "This submission id is already used for other content. Please contact the agency."},
    {"submission.unknown_form",
     "Mẫu tờ khai này không còn được tiếp nhận. Hãy cập nhật ứng dụng rồi khai lại.",
     "This form is no longer accepted. Update the app and fill it in again."},
    {"submission.form_hash_mismatch",
     "Mẫu tờ khai trên máy đã cũ. Hãy cập nhật ứng dụng rồi khai lại.",
     "The form on this phone is out of date. Update the app and fill it in again."},
    {"submission.wrong_agency_key",
     "Khóa của cơ quan tiếp nhận đã thay đổi. Hãy cập nhật ứng dụng rồi ký lại.",
     "The agency's key has changed. Update the app and sign again."},
    {"envelope.too_large", "Hồ sơ quá lớn để gửi.", "The filing is too large to send."},
    {"http.413", "Hồ sơ quá lớn để gửi.", "The filing is too large to send."},
    {"network.", "Kết nối bị ngắt giữa chừng. Ứng dụng sẽ tự thử lại.",
     "The connection broke off. The app will try again."},
    {"http.5", "Máy chủ đang gặp sự cố. Ứng dụng sẽ tự thử lại.",
     "The server has a problem. The app will try again."},
    {"receipt.",
     "Biên nhận của máy chủ không xác thực được, nên chưa chắc hồ sơ đã được nhận. Hãy bấm "
     "\"Gửi lại\" sau.",
     "The server's receipt could not be verified, so the filing may not have been received. "
     "Press \"Gửi lại\" later."},
    {"envelope.", "Máy chủ từ chối hồ sơ vì dữ liệu không hợp lệ. Hãy ký và gửi lại.",
     "The server refused the filing as invalid. Please sign and send it again."},
}};

}  // namespace

core::LocalizedText reason_text(std::string_view reason_code) {
  for (const ReasonMessage& message : kMessages) {
    const bool prefix = message.code.back() == '.' || message.code == "http.5";
    if (prefix ? reason_code.starts_with(message.code) : reason_code == message.code) {
      return {std::string(message.vi), std::string(message.en)};
    }
  }
  return {
      "Chưa gửi được hồ sơ. Ứng dụng sẽ tự thử lại; nếu vẫn lỗi, hãy liên hệ cơ quan tiếp nhận.",
      "The filing has not been sent yet. The app will try again; if it keeps failing, contact "
      "the agency."};
}

}  // namespace tokhai::sync
