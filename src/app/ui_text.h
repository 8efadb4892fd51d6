// The app's own words (the forms bring theirs), Vietnamese first.
#pragma once

#include "core/localized_text.h"

namespace tokhai::app::ui_text {

using core::LocalizedText;

inline const LocalizedText kAppName{"Tờ khai", "Tờ khai"};
inline const LocalizedText kTagline{"Khai hồ sơ dịch vụ công, cả khi không có mạng.",
                                    "Fill in public-service forms, even with no network."};
inline const LocalizedText kChooseProcedure{"Chọn thủ tục cần khai", "Choose a procedure"};
inline const LocalizedText kSearchProcedures{"Tìm thủ tục, ví dụ: khai sinh", "Search, e.g. birth"};
inline const LocalizedText kNoMatch{"Không có thủ tục nào khớp với từ tìm kiếm.",
                                    "No procedure matches the search."};
inline const LocalizedText kSettings{"Cài đặt", "Settings"};
// The language button names the language it switches to.
inline const LocalizedText kOtherLanguage{"English", "Tiếng Việt"};
inline const LocalizedText kLanguage{"Ngôn ngữ", "Language"};
inline const LocalizedText kTextSize{"Cỡ chữ", "Text size"};
inline const LocalizedText kTextSizes[] = {
    {"Vừa", "Normal"}, {"Lớn", "Large"}, {"Rất lớn", "Extra large"}};
inline const LocalizedText kContrast{"Độ tương phản cao", "High contrast"};
inline const LocalizedText kContrastHint{"Chữ đen trên nền trắng, viền đậm: dễ đọc ngoài nắng.",
                                         "Black on white with strong borders: easier in sunlight."};
inline const LocalizedText kBack{"‹ Quay lại", "‹ Back"};
inline const LocalizedText kToCatalogue{"‹ Danh sách thủ tục", "‹ All procedures"};
inline const LocalizedText kLegalBasis{"Căn cứ pháp lý", "Legal basis"};
inline const LocalizedText kAgency{"Cơ quan tiếp nhận", "Receiving agency"};
inline const LocalizedText kEffectiveFrom{"Áp dụng từ ngày", "In effect from"};
inline const LocalizedText kFormVersion{"Phiên bản biểu mẫu", "Form version"};
inline const LocalizedText kStartForm{"Bắt đầu khai", "Start"};
inline const LocalizedText kNoForms{"Chưa có biểu mẫu nào trong ứng dụng.",
                                    "The app has no forms yet."};
inline const LocalizedText kCatalogueErrors{"Một số biểu mẫu không đọc được:",
                                            "Some forms could not be read:"};
inline const LocalizedText kFormUnreadable{"Không mở được biểu mẫu này:",
                                           "This form cannot be opened:"};

// The form's pages.
inline const LocalizedText kStep{"Bước", "Step"};
inline const LocalizedText kPreviousPage{"‹ Trang trước", "‹ Previous"};
inline const LocalizedText kNextPage{"Trang tiếp ›", "Next ›"};
inline const LocalizedText kToReview{"Xem lại hồ sơ ›", "Review ›"};
inline const LocalizedText kRequired{" *", " *"};
inline const LocalizedText kRequiredNote{"Mục có dấu * là bắt buộc.",
                                         "Items marked * are required."};
inline const LocalizedText kChoose{"Chọn…", "Choose…"};
inline const LocalizedText kTypeHere{"Nhập…", "Type…"};
inline const LocalizedText kDatePrompt{"dd/mm/yyyy", "dd/mm/yyyy"};
inline const LocalizedText kTimePrompt{"hh:mm", "hh:mm"};
inline const LocalizedText kCalendar{"Lịch", "Calendar"};
inline const LocalizedText kYes{"Có", "Yes"};
inline const LocalizedText kNo{"Không", "No"};
inline const LocalizedText kRow{"Dòng", "Row"};
inline const LocalizedText kAddRow{"+ Thêm dòng", "+ Add a row"};
inline const LocalizedText kRemoveRow{"Xóa dòng này", "Remove this row"};
inline const LocalizedText kNoRows{"Chưa có dòng nào.", "No rows yet."};
inline const LocalizedText kAttachmentLater{
    "Ứng dụng chưa đính kèm được ảnh giấy tờ; mục này không bắt buộc.",
    "The app cannot attach photos of papers yet; this item is optional."};
inline const LocalizedText kWarning{"Lưu ý: ", "Note: "};

// Pickers and the calendar.
inline const LocalizedText kSearch{"Tìm…", "Search…"};
inline const LocalizedText kSearchCommune{"Tìm xã, phường theo tên", "Search a commune by name"};
inline const LocalizedText kChooseProvince{"Hoặc chọn tỉnh, thành phố", "Or choose a province"};
inline const LocalizedText kChooseCommune{"Chọn xã, phường, đặc khu", "Choose a commune"};
inline const LocalizedText kNothingFound{"Không tìm thấy.", "Nothing found."};
inline const LocalizedText kMoreResults{"Gõ thêm để thu hẹp kết quả.",
                                        "Type more to narrow the list."};
inline const LocalizedText kClose{"Đóng", "Close"};
inline const LocalizedText kMonth{"Tháng", "Month"};
inline const LocalizedText kPreviousYear{"‹ Năm trước", "‹ Year"};
inline const LocalizedText kNextYear{"Năm sau ›", "Year ›"};
inline const LocalizedText kWeekdays[] = {{"T2", "Mo"}, {"T3", "Tu"}, {"T4", "We"}, {"T5", "Th"},
                                          {"T6", "Fr"}, {"T7", "Sa"}, {"CN", "Su"}};

// Review and the end state.
inline const LocalizedText kReview{"Xem lại hồ sơ", "Review"};
inline const LocalizedText kFixCount{"Còn mục cần sửa hoặc bổ sung:", "Items to fix or complete:"};
inline const LocalizedText kWarnings{"Lưu ý (không bắt buộc sửa):", "Notes (you may go on):"};
inline const LocalizedText kAllGood{"Hồ sơ đã khai đủ và hợp lệ.",
                                    "The form is complete and valid."};
inline const LocalizedText kBackToForm{"‹ Sửa hồ sơ", "‹ Edit the form"};
inline const LocalizedText kFinish{"Hoàn tất: sẵn sàng ký", "Finish: ready to sign"};
inline const LocalizedText kReadyTitle{"Sẵn sàng ký", "Ready to sign"};
inline const LocalizedText kReadyText{
    "Hồ sơ đã khai đủ và hợp lệ. Hãy đọc lại các thông tin dưới đây trước khi ký.",
    "The form is complete and valid. Read the answers below once more before signing."};
inline const LocalizedText kSigningLater{
    "Ký và gửi hồ sơ đến cơ quan tiếp nhận chưa có trong phiên bản này của ứng dụng.",
    "Signing and sending the form to the agency is not in this version of the app yet."};

}  // namespace tokhai::app::ui_text
