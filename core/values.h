// Typed condition values (spec §2.3): numbers, dates, IP addresses and CIDR blocks, booleans and
// base64. Each parser is total: it returns nullopt for text that is not a value of its type.
// Used at compile time for policy values (parsed once) and at evaluation for context values.
#ifndef POLICYLAB_CORE_VALUES_H_
#define POLICYLAB_CORE_VALUES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace policylab {

// An exact decimal number: comparisons never lose precision (no double rounding), so
// 0.1 + nothing == "0.10" and 9007199254740993 != 9007199254740992.
class Decimal {
 public:
  // Accepts an optional sign, digits, an optional fraction (".5", "5." are accepted) and an
  // optional exponent (1e3, 2.5E-2). Rejects empty strings, "abc", "1.2.3", inf, nan, hex.
  static std::optional<Decimal> Parse(std::string_view text);
  // -1, 0, 1
  static int Compare(const Decimal& a, const Decimal& b);
  std::string ToString() const;  // canonical form, e.g. "-12.5"

 private:
  bool negative_ = false;
  std::string digits_;    // significant digits, no leading/trailing zeros ("" = zero)
  int64_t exponent_ = 0;  // value = 0.digits_ * 10^exponent_
};

// A point in time, UTC.
struct Instant {
  int64_t seconds = 0;  // since 1970-01-01T00:00:00Z
  int32_t nanos = 0;    // 0..999,999,999
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// W3C profile of ISO 8601 (YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.fraction]](Z|+hh:mm|-hh:mm)) or
// epoch seconds (an integer, optionally with a fraction). A date-time without a zone is read
// as UTC. Year-only and year-month forms are rejected (spec §2.3 [UNSURE]: accept only full
// dates, full date-times with zone, and epoch numbers).
std::optional<Instant> ParseInstant(std::string_view text);
std::string FormatInstant(const Instant& instant);  // 2026-01-01T00:00:00Z (fraction if any)

// An IPv4 or IPv6 address or CIDR block. IPv4 is stored as ::ffff:a.b.c.d internally but keeps
// its family: an IPv4 address never matches an IPv6 block and vice versa.
struct IpBlock {
  std::array<uint8_t, 16> address{};
  int prefix = 0;  // significant bits, counted from the start of the family's own address
  bool v6 = false;
};
// "203.0.113.0/24", "203.0.113.7" (= /32), "2001:db8::/32", "::1" (= /128). Leading zeros in
// IPv4 octets, prefixes out of range, and bits set past the prefix are handled as AWS does:
// the first two are rejected, bits past the prefix are ignored.
std::optional<IpBlock> ParseIpBlock(std::string_view text);
// True when `address` (a block with a full prefix) lies in `block`.
bool IpInBlock(const IpBlock& address, const IpBlock& block);

// "true"/"false" in any case (spec §2.3 [UNSURE]: treat the literal case-insensitively).
std::optional<bool> ParseBool(std::string_view text);

// Standard base64 (RFC 4648 §4) with padding; whitespace is not allowed.
std::optional<std::string> DecodeBase64(std::string_view text);

}  // namespace policylab

#endif  // POLICYLAB_CORE_VALUES_H_
