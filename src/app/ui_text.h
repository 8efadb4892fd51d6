// The app's own words (the forms bring theirs), Vietnamese first.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/localized_text.h"

namespace tokhai::app::ui_text {

using core::LocalizedText;

// `pattern` with each "{}" replaced by the next of `args`, in order.
inline std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  auto arg = args.begin();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0 && arg != args.end()) {
      out += *arg++;
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

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
inline const LocalizedText kLockAfter{"Tự khóa hồ sơ khi không dùng",
                                      "Lock papers when unused for"};
inline const LocalizedText kLockMinutes{"{} phút", "{} minutes"};
inline const LocalizedText kLockHint{
    "Khi khóa, cần nhập lại mã PIN. Những gì đã khai vẫn được lưu.",
    "Once locked, the PIN is needed again. What was filled in stays saved."};
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
inline const LocalizedText kAttachmentNotHere{"Không đính kèm ảnh giấy tờ ở trang này.",
                                              "Photos of papers are not attached on this page."};
inline const LocalizedText kTakePhoto{"Chụp ảnh", "Take a photo"};
inline const LocalizedText kChoosePhoto{"Chọn ảnh có sẵn", "Choose a photo"};
inline const LocalizedText kRetakePhoto{"Chụp lại", "Retake"};
inline const LocalizedText kRemovePhoto{"Xoá trang này", "Remove this page"};
inline const LocalizedText kPageNumber{"Trang {}", "Page {}"};
inline const LocalizedText kPagesAttached{"{} trang ảnh đính kèm", "{} page(s) attached"};
inline const LocalizedText kPagesFull{"Đã đủ {} trang.", "All {} pages are attached."};
inline const LocalizedText kPhotoProcessing{
    "Đang chờ ảnh và thu nhỏ cho vừa gửi…",
    "Waiting for the photo and making it small enough to send…"};
inline const LocalizedText kPhotoUploaded{"Ảnh {}: đã gửi {} / {} KB",
                                          "Photo {}: {} of {} KB sent"};
inline const LocalizedText kPhotoLoading{"đang mở ảnh…", "opening the photo…"};
inline const LocalizedText kPhotoMissing{
    "ảnh không còn trên máy; hãy chụp lại hoặc xoá trang này.",
    "the photo is no longer on this phone; retake it or remove this page."};
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

// Bundles (several procedures filed together).
inline const LocalizedText kBundles{"Gói thủ tục liên thông", "Interconnected bundles"};
inline const LocalizedText kBundleHint{
    "Khai một lần cho nhiều thủ tục: thông tin chung chỉ nhập một lần.",
    "One filing for several procedures: shared facts are typed once."};
inline const LocalizedText kBundleProcedures{"Các thủ tục trong gói", "Procedures in the bundle"};
inline const LocalizedText kOptional{"(không bắt buộc; bỏ chọn nếu không cần)",
                                     "(optional; untick it if not needed)"};
inline const LocalizedText kPart{"Thủ tục", "Procedure"};
inline const LocalizedText kPreviousPart{"‹ Thủ tục trước", "‹ Previous procedure"};
inline const LocalizedText kBundleFormMissing{"Ứng dụng thiếu biểu mẫu của gói này:",
                                              "The app lacks a form of this bundle:"};

// People (vaults): whose papers these are.
inline const LocalizedText kWhosePapers{"Hồ sơ của ai?", "Whose papers?"};
inline const LocalizedText kPeopleHint{
    "Mỗi người có hồ sơ riêng, khóa bằng mã PIN riêng. Người giúp khai có thể tạo hồ sơ cho từng "
    "người được giúp.",
    "Each person has their own papers, locked with their own PIN. A helper can make one for each "
    "person they help."};
inline const LocalizedText kNoPeople{"Chưa có hồ sơ nào trên máy này.",
                                     "No one has papers on this phone yet."};
inline const LocalizedText kOpenWithPin{"Mở bằng mã PIN", "Open with the PIN"};
inline const LocalizedText kAddPerson{"+ Thêm người khai", "+ Add a person"};
inline const LocalizedText kPersonName{"Tên hiển thị", "Name shown"};
inline const LocalizedText kPersonNamePrompt{"Ví dụ: Bà Lan (xóm 3)", "e.g. Mrs Lan (hamlet 3)"};
inline const LocalizedText kPersonNameHint{
    "Tên này hiện trong danh sách trên máy, không cần khóa: đừng ghi số định danh.",
    "This name shows in the list without the PIN: do not put an ID number in it."};
inline const LocalizedText kPersonNameMissing{"Hãy nhập tên hiển thị.", "Type a name to show."};
inline const LocalizedText kNewPin{"Mã PIN (ít nhất 6 chữ số)", "PIN (at least 6 digits)"};
inline const LocalizedText kNewPinAgain{"Nhập lại mã PIN", "The PIN again"};
inline const LocalizedText kPinPrompt{"••••••", "••••••"};
inline const LocalizedText kNewPassphrase{"Cụm mật khẩu (ít nhất 8 ký tự)",
                                          "Passphrase (at least 8 characters)"};
inline const LocalizedText kNewPassphraseAgain{"Nhập lại cụm mật khẩu", "The passphrase again"};
inline const LocalizedText kPassphrasePrompt{"Ví dụ: ba con gà trống gáy",
                                             "e.g. three cocks crowing"};
inline const LocalizedText kUsePassphrase{"Dùng cụm mật khẩu bằng chữ thay cho mã PIN",
                                          "Use a passphrase in words instead of a PIN"};
inline const LocalizedText kUsePassphraseHint{
    "Cụm mật khẩu dài khó đoán hơn mã PIN, nhất là khi có tệp sao lưu.",
    "A long passphrase is harder to guess than a PIN, above all for a backup file."};
inline const LocalizedText kPassphrasesDiffer{"Hai lần nhập cụm mật khẩu không giống nhau.",
                                              "The two passphrases differ."};
inline const LocalizedText kEnterPassphrase{"Cụm mật khẩu", "Passphrase"};
inline const LocalizedText kChangeSecret{"Đổi mã PIN", "Change the PIN"};
inline const LocalizedText kChangeSecretHint{
    "Cần mã hiện tại. Các bản nháp giữ nguyên; tệp sao lưu đã tạo trước vẫn mở bằng mã cũ.",
    "The current one is needed. Drafts stay as they are; backups made before still open with the "
    "old one."};
inline const LocalizedText kCurrentPin{"Mã PIN hiện tại", "Current PIN"};
inline const LocalizedText kCurrentPassphrase{"Cụm mật khẩu hiện tại", "Current passphrase"};
inline const LocalizedText kChangeSecretDo{"Đổi mã", "Change it"};
inline const LocalizedText kSecretChanged{"Đã đổi mã. Lần sau hãy mở hồ sơ bằng mã mới.",
                                          "Changed. Open the papers with the new one from now on."};
inline const LocalizedText kPinsDiffer{"Hai lần nhập mã PIN không giống nhau.",
                                       "The two PINs differ."};
inline const LocalizedText kForgottenPinWarning{
    "Hãy nhớ mã PIN. Nếu quên, không ai mở lại được hồ sơ này, kể cả người làm ứng dụng và cơ "
    "quan nhà nước: thông tin được mã hóa bằng chính mã PIN.",
    "Remember the PIN. If it is forgotten, no one can open these papers again, not the app's "
    "makers, not the agency: the data is encrypted with the PIN itself."};
inline const LocalizedText kUnderstood{"Tôi đã hiểu: quên mã PIN là mất hồ sơ trên máy này.",
                                       "I understand: a forgotten PIN loses these papers."};
inline const LocalizedText kPleaseConfirm{"Hãy đánh dấu ô này để tiếp tục.",
                                          "Tick this box to go on."};
inline const LocalizedText kCreateVault{"Tạo hồ sơ và khóa bằng mã PIN",
                                        "Create and lock with the PIN"};
inline const LocalizedText kCreatingVault{"Đang tạo khóa, xin chờ vài giây…",
                                          "Making the lock, a few seconds…"};
inline const LocalizedText kEnterPin{"Mã PIN", "PIN"};
inline const LocalizedText kUnlock{"Mở hồ sơ", "Open"};
inline const LocalizedText kUnlocking{"Đang mở khóa, xin chờ…", "Unlocking, please wait…"};
inline const LocalizedText kTryAgainIn{"Hãy thử lại sau {} giây.", "Try again in {} s."};
inline const LocalizedText kForgottenPinAfter{
    "Quên mã PIN thì không mở được hồ sơ này; có thể tạo hồ sơ mới và khai lại.",
    "A forgotten PIN cannot open these papers; make new ones and fill the forms again."};
inline const LocalizedText kStorageUnreadable{"Không đọc được dữ liệu đã lưu:",
                                              "The saved data cannot be read:"};
inline const LocalizedText kLockedIdle{
    "Hồ sơ đã tự khóa vì lâu không dùng. Bản nháp đã được lưu.",
    "The papers locked themselves after a while unused. The draft is saved."};
inline const LocalizedText kLock{"Khóa", "Lock"};
inline const LocalizedText kMyDetails{"Thông tin của tôi ›", "My details ›"};

// Backups of a person's papers (export and import of a vault).
inline const LocalizedText kImportBackup{"Mở tệp sao lưu", "Bring back a backup"};
inline const LocalizedText kImportBackupHint{
    "Chuyển sang điện thoại mới: chọn tệp .tokhai đã sao lưu trên máy cũ.",
    "Moving to a new phone: choose the .tokhai file backed up on the old one."};
inline const LocalizedText kBackupChosen{"Tệp: {} ({} byte)", "File: {} ({} bytes)"};
inline const LocalizedText kBackupPin{"Mã PIN của hồ sơ lúc sao lưu",
                                      "The papers' PIN when the backup was made"};
inline const LocalizedText kBackupPinHint{
    "Tệp sao lưu được khóa bằng mã PIN hồ sơ có khi tạo tệp, kể cả khi sau đó đã đổi mã.",
    "A backup is locked with the PIN the papers had when it was made, even if it changed since."};
inline const LocalizedText kImportOpen{"Mở và thêm vào máy này", "Open and add to this phone"};
inline const LocalizedText kImporting{"Đang kiểm tra và mở tệp, xin chờ…",
                                      "Checking and opening the file, please wait…"};
inline const LocalizedText kBackupTooLarge{"Tệp quá lớn, không phải tệp sao lưu của Tờ khai.",
                                           "The file is too large to be a Tờ khai backup."};
inline const LocalizedText kBackupUnreadable{"Không đọc được tệp đã chọn.",
                                             "The chosen file cannot be read."};
inline const LocalizedText kBackupTitle{"Sao lưu hồ sơ", "Back up the papers"};
inline const LocalizedText kBackupExplain{
    "Tạo một tệp chứa mọi bản nháp và thông tin của {}, đã mã hóa. Giữ tệp ở nơi an toàn hoặc "
    "chép sang điện thoại mới rồi chọn \"Mở tệp sao lưu\". Cần mã PIN hiện tại để mở tệp: ai có "
    "tệp có thể thử đoán mã, nên đừng dùng mã PIN dễ đoán.",
    "Makes one encrypted file holding all of {}'s drafts and details. Keep it somewhere safe, or "
    "copy it to a new phone and choose \"Bring back a backup\". The current PIN opens it: whoever "
    "has the file can try to guess the PIN, so do not use an easy one."};
inline const LocalizedText kBackupMake{"Tạo tệp sao lưu", "Make the backup file"};
inline const LocalizedText kBackupMade{"Đã tạo tệp sao lưu {} ({} mục, {} byte).",
                                       "Backup file {} made ({} items, {} bytes)."};
inline const LocalizedText kBackupLeftOut{"{} mục bị hỏng nên không có trong tệp.",
                                          "{} damaged items are not in the file."};
inline const LocalizedText kBackupNeedsPerson{"Mở hồ sơ của một người để sao lưu.",
                                              "Open someone's papers to back them up."};
inline const LocalizedText kPeople{"Người khai", "Person"};

// Drafts and saving.
inline const LocalizedText kDrafts{"Hồ sơ đang khai", "Forms in progress"};
inline const LocalizedText kSavedAt{"Lưu lúc", "Saved at"};
inline const LocalizedText kSaving{"Đang lưu…", "Saving…"};
inline const LocalizedText kSaved{"Đã lưu", "Saved"};
inline const LocalizedText kSaveFailed{"Chưa lưu được, đang thử lại:", "Not saved yet, retrying:"};
inline const LocalizedText kOpeningStorage{"Đang mở dữ liệu đã lưu…", "Opening saved data…"};
inline const LocalizedText kStorageFailed{
    "Trình duyệt không cho lưu dữ liệu (chế độ ẩn danh hoặc bộ nhớ đầy?). Có thể xem thủ tục, "
    "nhưng không lưu được bản nháp.",
    "The browser does not let the app store data (private mode, or storage full?). Procedures can "
    "be read, but drafts cannot be saved."};
inline const LocalizedText kStorageLow{
    "Bộ nhớ của trình duyệt sắp đầy: hãy gửi hoặc xóa bớt hồ sơ cũ để không mất bản nháp.",
    "The browser's storage is nearly full: send or delete old forms so that drafts are not lost."};
inline const LocalizedText kStorageTitle{"Lưu trữ trên máy", "Storage on this phone"};
inline const LocalizedText kStoragePersisted{
    "Trình duyệt giữ dữ liệu của ứng dụng lâu dài.",
    "The browser keeps the app's data (persistent storage)."};
inline const LocalizedText kStorageBestEffort{
    "Trình duyệt có thể xóa dữ liệu khi máy thiếu chỗ. Hãy cài ứng dụng ra màn hình chính.",
    "The browser may clear the app's data when space is short. Add the app to the home screen."};
inline const LocalizedText kStorageUsage{"Đã dùng {} MB / {} MB", "Used {} MB of {} MB"};
inline const LocalizedText kDraftOtherVersion{
    "Bản nháp này khai theo phiên bản biểu mẫu cũ ({}), không chuyển được sang phiên bản hiện "
    "hành ({}). Bản nháp được giữ nguyên, chỉ xem được:",
    "This draft was made with an older form version ({}) and cannot move to the current one "
    "({}). It is kept as it is, read-only:"};
inline const LocalizedText kDraftMigrated{
    "Biểu mẫu đã có phiên bản mới; bản nháp đã được chuyển sang. Hãy xem lại trước khi gửi.",
    "The form has a new version; the draft was moved to it. Review it before sending."};
inline const LocalizedText kDeleteDraft{"Xóa bản nháp này", "Delete this draft"};

// Review and the end state.
inline const LocalizedText kReview{"Xem lại hồ sơ", "Review"};
inline const LocalizedText kFixCount{"Còn mục cần sửa hoặc bổ sung:", "Items to fix or complete:"};
inline const LocalizedText kWarnings{"Lưu ý (không bắt buộc sửa):", "Notes (you may go on):"};
inline const LocalizedText kAllGood{"Hồ sơ đã khai đủ và hợp lệ.",
                                    "The form is complete and valid."};
inline const LocalizedText kBackToForm{"‹ Sửa hồ sơ", "‹ Edit the form"};
inline const LocalizedText kFinish{"Hoàn tất: sẵn sàng ký", "Finish: ready to sign"};
inline const LocalizedText kNextPart{"Sang thủ tục tiếp theo ›", "On to the next procedure ›"};
inline const LocalizedText kBundleReadyText{
    "Mọi thủ tục trong gói đã khai đủ và hợp lệ. Hãy đọc lại thông tin của từng thủ tục trước khi "
    "ký.",
    "Every procedure of the bundle is complete and valid. Read each one's answers before signing."};
inline const LocalizedText kDetailsDone{"Xong ›", "Done ›"};
inline const LocalizedText kReadyTitle{"Sẵn sàng ký", "Ready to sign"};
inline const LocalizedText kReadyText{
    "Hồ sơ đã khai đủ và hợp lệ. Hãy đọc lại các thông tin dưới đây trước khi ký.",
    "The form is complete and valid. Read the answers below once more before signing."};
inline const LocalizedText kSignAndSend{"Ký và gửi ›", "Sign and send ›"};

// "Ký và gửi": what will be sent, the declaration, the signature.
inline const LocalizedText kSendTitle{"Ký và gửi hồ sơ", "Sign and send the filing"};
inline const LocalizedText kSendIntro{
    "Đây là những gì sẽ được gửi. Phần thông tin khai được niêm phong bằng khóa của cơ quan tiếp "
    "nhận: chỉ cơ quan đó mở đọc được, máy chủ trung gian cũng không đọc được.",
    "This is what will be sent. The answers are sealed with the receiving agency's key: only that "
    "agency can open them, not even the server in between."};
inline const LocalizedText kSendProcedure{"Thủ tục", "Procedure"};
inline const LocalizedText kSendSigner{"Người ký (hồ sơ trên máy)",
                                       "Signed by (papers on this phone)"};
inline const LocalizedText kSealedSize{"Dung lượng sau khi niêm phong", "Size once sealed"};
inline const LocalizedText kBytes{"{} byte", "{} bytes"};
inline const LocalizedText kSendAnswers{"Thông tin sẽ gửi", "What will be sent"};
inline const LocalizedText kNoAgencyKey{
    "{} chưa công bố khóa nhận hồ sơ trực tuyến, nên ứng dụng chưa gửi được thủ tục này. Bản "
    "nháp vẫn được giữ nguyên trên máy; hãy cập nhật ứng dụng sau rồi gửi.",
    "{} has not published its key for online filings yet, so the app cannot send this procedure. "
    "The draft stays on this phone as it is; update the app later and send it then."};
inline const LocalizedText kNoServerKey{
    "Phiên bản ứng dụng này chưa gửi được hồ sơ (thiếu khóa xác thực của máy chủ). Bản nháp vẫn "
    "được giữ nguyên.",
    "This build of the app cannot send filings (it has no server key to check receipts). The "
    "draft stays as it is."};
inline const LocalizedText kSendDeclaration{
    "Tôi cam đoan những thông tin trên là đúng sự thật và đồng ý ký điện tử, gửi hồ sơ này đến "
    "cơ quan tiếp nhận.",
    "I declare that the information above is true, and I agree to sign this filing electronically "
    "and send it to the receiving agency."};
inline const LocalizedText kDeclareFirst{"Hãy đánh dấu lời cam đoan trước khi ký.",
                                         "Tick the declaration before signing."};
inline const LocalizedText kSignNow{"Ký và gửi", "Sign and send"};
inline const LocalizedText kSignFailed{"Chưa ký được hồ sơ:", "The filing could not be signed:"};
inline const LocalizedText kSendOffline{
    "Hiện không có mạng: hồ sơ sẽ được ký ngay và tự gửi khi có mạng trở lại.",
    "There is no network now: the filing is signed now and sent by itself when the network is "
    "back."};

// The outbox: filings signed, waiting or sent.
inline const LocalizedText kOutboxTitle{"Hồ sơ đã gửi / đang chờ gửi", "Sent and waiting filings"};
inline const LocalizedText kOutboxSummary{"{} hồ sơ, {} đang chờ gửi", "Filings: {}, waiting: {}"};
inline const LocalizedText kOutboxEmpty{"Chưa có hồ sơ nào được ký gửi.", "No filing signed yet."};
inline const LocalizedText kOutboxProblem{"Không đọc được danh sách hồ sơ gửi:",
                                          "The list of filings cannot be read:"};
inline const LocalizedText kOutboxUnreadable{"{} hồ sơ gửi bị hỏng, không đọc được.",
                                             "{} sent filings are damaged and cannot be read."};
inline const LocalizedText kStateWaitingNetwork{"Đang chờ mạng", "Waiting for a network"};
inline const LocalizedText kStateQueued{"Đang chờ gửi", "Waiting to be sent"};
inline const LocalizedText kStateRetryAt{"thử lại lúc {}", "next try at {}"};
inline const LocalizedText kStateSending{"Đang gửi {}%", "Sending {}%"};
inline const LocalizedText kStateSent{"Đã gửi · Mã hồ sơ {}", "Sent · Dossier {}"};
inline const LocalizedText kStateRejected{"Bị từ chối", "Refused"};
inline const LocalizedText kStateNeedsAttention{"Cần xem lại", "Needs attention"};
inline const LocalizedText kResend{"Gửi lại", "Send again"};
inline const LocalizedText kSignedAt{"Ký lúc", "Signed at"};
inline const LocalizedText kAttempts{"Số lần đã thử gửi", "Attempts so far"};
inline const LocalizedText kReceiptTitle{"Biên nhận hồ sơ", "Receipt"};
inline const LocalizedText kDossierCode{"Mã hồ sơ", "Dossier code"};
inline const LocalizedText kReceivedAt{"Máy chủ nhận lúc", "Received by the server at"};
inline const LocalizedText kReceiptVerified{
    "Đã xác thực: biên nhận có chữ ký của máy chủ cổng dịch vụ công, khớp đúng hồ sơ đã gửi. Đây "
    "là bằng chứng đã nộp hồ sơ, xem được cả khi không có mạng.",
    "Verified: the receipt carries the public-service server's signature and matches exactly the "
    "filing sent. It is the proof of filing, readable with no network."};
inline const LocalizedText kSubmissionId{"Số định danh lần gửi", "Submission id"};
inline const LocalizedText kStatusTitle{"Tình trạng xử lý", "Processing status"};
inline const LocalizedText kStatusRefresh{"Cập nhật tình trạng", "Refresh the status"};
inline const LocalizedText kStatusRefreshing{"Đang hỏi tình trạng…", "Asking for the status…"};
inline const LocalizedText kStatusNone{
    "Chưa có thông tin tình trạng. Bấm \"Cập nhật tình trạng\" khi có mạng.",
    "No status yet. Press \"Refresh the status\" when there is a network."};
inline const LocalizedText kStatusAsOf{"Cơ quan cập nhật lúc {}; máy hỏi lúc {}.",
                                       "Updated by the agency at {}; asked at {}."};
inline const LocalizedText kStatusFailed{"Chưa hỏi được tình trạng:",
                                         "The status could not be fetched:"};
inline const LocalizedText kStatusHistory{"Các lần cập nhật", "History"};

}  // namespace tokhai::app::ui_text
