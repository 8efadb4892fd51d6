// What the app says to a person about an outbox item's last_reason (and a
// status lookup's error code), Vietnamese first: one sentence, no codes.
#pragma once

#include <string_view>

#include "core/localized_text.h"

namespace tokhai::sync {

// A message for `reason_code` (OutboxItem::last_reason or an Error's code);
// a general one for codes it does not know.
core::LocalizedText reason_text(std::string_view reason_code);

}  // namespace tokhai::sync
