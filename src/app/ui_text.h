// The app's own words (the forms bring theirs), Vietnamese first.
#pragma once

#include "core/localized_text.h"

namespace tokhai::app::ui_text {

using core::LocalizedText;

inline const LocalizedText kAppName{"Tờ khai", "Tờ khai"};
inline const LocalizedText kTagline{"Khai hồ sơ dịch vụ công, cả khi không có mạng.",
                                    "Fill in public-service forms, even with no network."};
inline const LocalizedText kChooseProcedure{"Chọn thủ tục cần khai", "Choose a procedure"};
// The language button names the language it switches to.
inline const LocalizedText kOtherLanguage{"English", "Tiếng Việt"};
inline const LocalizedText kBack{"‹ Quay lại", "‹ Back"};
inline const LocalizedText kLegalBasis{"Căn cứ pháp lý", "Legal basis"};
inline const LocalizedText kAgency{"Cơ quan tiếp nhận", "Receiving agency"};
inline const LocalizedText kEffectiveFrom{"Áp dụng từ ngày", "In effect from"};
inline const LocalizedText kFormVersion{"Phiên bản biểu mẫu", "Form version"};
inline const LocalizedText kNoForms{"Chưa có biểu mẫu nào trong ứng dụng.",
                                    "The app has no forms yet."};
inline const LocalizedText kCatalogueErrors{"Một số biểu mẫu không đọc được:",
                                            "Some forms could not be read:"};

}  // namespace tokhai::app::ui_text
