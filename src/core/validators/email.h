// E-mail addresses, checked pragmatically offline: the shape people and mail servers
// actually use, not every form RFC 5322 allows (no quoted local parts, no IP-literal
// domains, ASCII only). Whether the mailbox exists cannot be checked offline.
#pragma once

#include <string_view>

#include "core/issue.h"

namespace tokhai::core {

// Issues with an e-mail address (spaces around it are ignored): email.format unless it is
// at most 254 characters with exactly one @; a local part of 1–64 letters, digits and
// !#$%&'*+/=?^_`{|}~.- with no dot at either end or two dots together; and a domain of
// two or more dot-separated labels of letters, digits and inner hyphens (1–63 each),
// the last of two or more letters. The message says which rule the address breaks.
Issues validate_email(std::string_view address);

}  // namespace tokhai::core
