// Tested by tests/unit/values_test.cc
#include "core/values.h"

#include <cstddef>
#include <cstdio>
#include <string>

namespace policylab {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses 1..max_digits decimal digits exactly (no sign); nullopt otherwise.
std::optional<int64_t> ParseDigits(std::string_view text, std::size_t max_digits = 18) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant,
// "chrono-Compatible Low-Level Date Algorithms"); no timegm, no locale, no time
// zone database.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int64_t month;
  int64_t day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t DaysInMonth(int64_t y, int64_t m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// ".123" -> 123,000,000 ns; digits past the ninth are truncated (sub-nanosecond
// precision is meaningless for IAM). nullopt when there are no digits or a
// non-digit.
std::optional<int32_t> ParseFraction(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  int32_t nanos = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (!IsDigit(digits[i])) return std::nullopt;
    if (i < 9) nanos = nanos * 10 + (digits[i] - '0');
  }
  for (std::size_t i = digits.size(); i < 9; ++i) nanos *= 10;
  return nanos;
}

std::optional<Instant> ParseEpoch(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const std::size_t dot = text.find('.');
  const std::optional<int64_t> whole = ParseDigits(text.substr(0, dot));
  if (!whole) return std::nullopt;
  int32_t nanos = 0;
  if (dot != std::string_view::npos) {
    const std::optional<int32_t> fraction = ParseFraction(text.substr(dot + 1));
    if (!fraction) return std::nullopt;
    nanos = *fraction;
  }
  Instant out{negative ? -*whole : *whole, nanos};
  if (negative && nanos > 0) {  // -1.25 = -2 s + 0.75 s
    out.seconds -= 1;
    out.nanos = 1'000'000'000 - nanos;
  }
  return out;
}

// Parses exactly `n` digits at text[pos] and advances pos.
std::optional<int64_t> Fixed(std::string_view text, std::size_t& pos, std::size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  const std::optional<int64_t> value = ParseDigits(text.substr(pos, n));
  if (value) pos += n;
  return value;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

// ---- Decimal
// -------------------------------------------------------------------------------

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::size_t pos = 0;
  Decimal out;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    out.negative_ = text[pos] == '-';
    ++pos;
  }
  std::string digits;  // integer and fraction digits, in order
  int64_t fraction_digits = 0;
  bool seen_dot = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (IsDigit(c)) {
      digits += c;
      if (seen_dot) ++fraction_digits;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      break;
    }
  }
  if (digits.empty()) return std::nullopt;
  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos] == '-';
      ++pos;
    }
    std::string_view exp_text = text.substr(pos);
    const std::size_t first = exp_text.find_first_not_of('0');
    // Exponents beyond nine digits are rejected rather than clamped (Java's
    // BigDecimal, which AWS's validators are likely built on, rejects them
    // too); nobody writes 1e1000000000.
    const std::optional<int64_t> value =
        first == std::string_view::npos && !exp_text.empty()
            ? std::optional<int64_t>(0)
            : ParseDigits(exp_text.substr(first == std::string_view::npos ? 0 : first), 9);
    if (!value) return std::nullopt;
    exponent = exp_negative ? -*value : *value;
    pos = text.size();
  }
  if (pos != text.size()) return std::nullopt;
  // Normalise to 0.d1d2...dn x 10^exponent_ with d1 != 0 and dn != 0.
  const std::size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) {
    out.negative_ = false;  // -0 == 0
    return out;
  }
  const std::size_t trail = digits.find_last_not_of('0');
  const auto integer_digits = static_cast<int64_t>(digits.size()) - fraction_digits;
  out.exponent_ = integer_digits - static_cast<int64_t>(lead) + exponent;
  out.digits_ = digits.substr(lead, trail - lead + 1);
  return out;
}

int Decimal::Compare(const Decimal& a, const Decimal& b) {
  const int sign_a = a.digits_.empty() ? 0 : (a.negative_ ? -1 : 1);
  const int sign_b = b.digits_.empty() ? 0 : (b.negative_ ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  int magnitude = 0;  // compare |a| with |b|
  if (a.exponent_ != b.exponent_) {
    magnitude = a.exponent_ < b.exponent_ ? -1 : 1;
  } else {
    // Same exponent: 0.d1d2... compares like the digit strings (no trailing
    // zeros, so a proper prefix is the smaller number).
    const int c = a.digits_.compare(b.digits_);
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sign_a * magnitude;
}

std::string Decimal::ToString() const {
  if (digits_.empty()) return "0";
  std::string out = negative_ ? "-" : "";
  const auto n = static_cast<int64_t>(digits_.size());
  if (exponent_ > 21 || exponent_ < -6) {
    // Far from the decimal point: scientific form, so 1e999999999 stays short.
    out += digits_[0];
    if (n > 1) out += "." + digits_.substr(1);
    out += "e" + std::to_string(exponent_ - 1);
  } else if (exponent_ <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-exponent_), '0') + digits_;
  } else if (exponent_ >= n) {
    out += digits_ + std::string(static_cast<std::size_t>(exponent_ - n), '0');
  } else {
    const auto point = static_cast<std::size_t>(exponent_);
    out += digits_.substr(0, point) + "." + digits_.substr(point);
  }
  return out;
}

// ---- Instants
// ------------------------------------------------------------------------------

std::optional<Instant> ParseInstant(std::string_view text) {
  // spec §2.3: epoch seconds, or the W3C profile of ISO 8601 with at least a
  // full date.
  if (text.find('-', 1) == std::string_view::npos) return ParseEpoch(text);
  std::size_t pos = 0;
  const std::optional<int64_t> year = Fixed(text, pos, 4);
  if (!year || !Expect(text, pos, '-')) return std::nullopt;
  const std::optional<int64_t> month = Fixed(text, pos, 2);
  if (!month || *month < 1 || *month > 12 || !Expect(text, pos, '-')) return std::nullopt;
  const std::optional<int64_t> day = Fixed(text, pos, 2);
  if (!day || *day < 1 || *day > DaysInMonth(*year, *month)) return std::nullopt;
  Instant out{DaysFromCivil(*year, *month, *day) * 86400, 0};
  if (pos == text.size()) return out;  // date only: midnight UTC

  if (!Expect(text, pos, 'T')) return std::nullopt;
  const std::optional<int64_t> hour = Fixed(text, pos, 2);
  if (!hour || *hour > 23 || !Expect(text, pos, ':')) return std::nullopt;
  const std::optional<int64_t> minute = Fixed(text, pos, 2);
  if (!minute || *minute > 59) return std::nullopt;
  int64_t second = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    const std::optional<int64_t> s = Fixed(text, pos, 2);
    if (!s || *s > 59) return std::nullopt;  // no leap seconds
    second = *s;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const std::size_t begin = pos;
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      const std::optional<int32_t> nanos = ParseFraction(text.substr(begin, pos - begin));
      if (!nanos) return std::nullopt;
      out.nanos = *nanos;
    }
  }
  int64_t offset = 0;  // seconds east of UTC
  if (pos == text.size()) {
    // No zone designator: read as UTC (values.h).
  } else if (text[pos] == 'Z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int64_t sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const std::optional<int64_t> oh = Fixed(text, pos, 2);
    if (!oh || *oh > 23 || !Expect(text, pos, ':')) return std::nullopt;
    const std::optional<int64_t> om = Fixed(text, pos, 2);
    if (!om || *om > 59) return std::nullopt;
    offset = sign * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  out.seconds += *hour * 3600 + *minute * 60 + second - offset;
  return out;
}

std::string FormatInstant(const Instant& instant) {
  int64_t days = instant.seconds / 86400;
  int64_t rest = instant.seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  const Civil civil = CivilFromDays(days);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld",
                static_cast<long long>(civil.year), static_cast<long long>(civil.month),
                static_cast<long long>(civil.day), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  std::string out = buffer;
  if (instant.nanos > 0) {
    std::snprintf(buffer, sizeof buffer, ".%09d", static_cast<int>(instant.nanos));
    std::string fraction = buffer;
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  return out + "Z";
}

// ---- IP addresses
// --------------------------------------------------------------------------

namespace {

// Dotted quad into out[0..3]: exactly four decimal octets, no leading zeros
// (AWS rejects `010.0.0.1`; some parsers would read it as octal).
bool ParseIpv4(std::string_view text, uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    const std::size_t dot = i < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return false;
    const std::string_view octet = text.substr(0, dot);
    if (octet.size() > 1 && octet[0] == '0') return false;
    const std::optional<int64_t> value = ParseDigits(octet, 3);
    if (!value || *value > 255) return false;
    out[i] = static_cast<uint8_t>(*value);
    text.remove_prefix(i < 3 ? dot + 1 : dot);
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 4291 §2.2 text forms: eight groups of 1-4 hex digits, at most one `::`,
// and an optional dotted IPv4 tail in place of the last two groups. Zone
// indices (`%eth0`) are not addresses.
bool ParseIpv6(std::string_view text, std::array<uint8_t, 16>& out) {
  std::array<uint16_t, 8> groups{};
  int count = 0;
  int gap = -1;  // index in groups where `::` stands
  std::size_t pos = 0;
  if (text.starts_with("::")) {
    gap = 0;
    pos = 2;
  } else if (text.starts_with(":")) {
    return false;
  }
  while (pos < text.size()) {
    if (count == 8) return false;
    const std::size_t end = text.find(':', pos);
    const std::string_view token =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (token.find('.') != std::string_view::npos) {
      // Embedded IPv4: must be the last token and leave room for two groups.
      if (end != std::string_view::npos || count > 6) return false;
      uint8_t v4[4];
      if (!ParseIpv4(token, v4)) return false;
      groups[count++] = static_cast<uint16_t>(v4[0] << 8 | v4[1]);
      groups[count++] = static_cast<uint16_t>(v4[2] << 8 | v4[3]);
      pos = text.size();
      break;
    }
    if (token.empty() || token.size() > 4) return false;
    int value = 0;
    for (char c : token) {
      const int h = HexValue(c);
      if (h < 0) return false;
      value = value * 16 + h;
    }
    groups[count++] = static_cast<uint16_t>(value);
    if (end == std::string_view::npos) {
      pos = text.size();
    } else if (end + 1 < text.size() && text[end + 1] == ':') {
      if (gap >= 0) return false;  // a second `::`
      gap = count;
      pos = end + 2;
    } else {
      pos = end + 1;
      if (pos == text.size()) return false;  // trailing single colon
    }
  }
  if (gap < 0 && count != 8) return false;
  if (gap >= 0 && count > 7) return false;  // `::` stands for at least one zero group
  std::array<uint16_t, 8> full{};
  if (gap < 0) {
    full = groups;
  } else {
    const int zeros = 8 - count;
    for (int i = 0; i < gap; ++i) full[i] = groups[i];
    for (int i = gap; i < count; ++i) full[i + zeros] = groups[i];
  }
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<uint8_t>(full[i] >> 8);
    out[2 * i + 1] = static_cast<uint8_t>(full[i] & 0xFF);
  }
  return true;
}

}  // namespace

std::optional<IpBlock> ParseIpBlock(std::string_view text) {
  IpBlock block;
  const std::size_t slash = text.find('/');
  const std::string_view address = text.substr(0, slash);
  block.v6 = address.find(':') != std::string_view::npos;
  if (block.v6) {
    if (!ParseIpv6(address, block.address)) return std::nullopt;
  } else {
    block.address[10] = 0xFF;  // ::ffff:a.b.c.d, family kept in v6 = false
    block.address[11] = 0xFF;
    if (!ParseIpv4(address, block.address.data() + 12)) return std::nullopt;
  }
  const int max_prefix = block.v6 ? 128 : 32;
  block.prefix = max_prefix;  // spec §2.3: a bare address is a full-length prefix
  if (slash != std::string_view::npos) {
    const std::string_view prefix = text.substr(slash + 1);
    if (prefix.size() > 1 && prefix[0] == '0') return std::nullopt;
    const std::optional<int64_t> value = ParseDigits(prefix, 3);
    if (!value || *value > max_prefix) return std::nullopt;
    block.prefix = static_cast<int>(*value);
  }
  return block;
}

bool IpInBlock(const IpBlock& address, const IpBlock& block) {
  if (address.v6 != block.v6) return false;  // families never mix (values.h)
  const int start = block.v6 ? 0 : 96;       // IPv4 bits live in the last 32 bits
  // Only the first `prefix` bits count: host bits set in the block are ignored,
  // as AWS does.
  for (int bit = 0; bit < block.prefix; ++bit) {
    const int i = start + bit;
    const int mask = 0x80 >> (i % 8);
    if ((address.address[i / 8] & mask) != (block.address[i / 8] & mask)) return false;
  }
  return true;
}

// ---- Bool and base64
// -----------------------------------------------------------------------

std::optional<bool> ParseBool(std::string_view text) {
  // spec §2.3 [UNSURE]: the literal is read case-insensitively.
  auto equals = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
      if (c != word[i]) return false;
    }
    return true;
  };
  if (equals("true")) return true;
  if (equals("false")) return false;
  return std::nullopt;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int padding = 0;
    if (last && text[i + 3] == '=') padding = text[i + 2] == '=' ? 2 : 1;
    uint32_t bits = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const int v = j < 4 - static_cast<std::size_t>(padding) ? value(text[i + j]) : 0;
      if (v < 0) return std::nullopt;  // includes `=` anywhere but the end
      bits = bits << 6 | static_cast<uint32_t>(v);
    }
    out += static_cast<char>(bits >> 16 & 0xFF);
    if (padding < 2) out += static_cast<char>(bits >> 8 & 0xFF);
    if (padding < 1) out += static_cast<char>(bits & 0xFF);
  }
  return out;
}

}  // namespace policylab
