// The request context (core/context.h): case-insensitive keys that keep their first spelling,
// and contexts layered on a shared base that behave exactly like a copy of it.
#include "core/context.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace policylab {
namespace {

// (display key, values, multivalued) of every key, in ForEach order.
using Flat = std::vector<std::tuple<std::string, std::vector<std::string>, bool>>;

Flat Flatten(const RequestContext& ctx) {
  Flat out;
  ctx.ForEach(
      [&](const ContextEntry& e) { out.emplace_back(e.display_key, e.values, e.multivalued); });
  return out;
}

RequestContext Base() {
  RequestContext base;
  base.Set("aws:PrincipalType", "AssumedRole");
  base.SetList("aws:TagKeys", {"a", "b"});
  base.Set("aws:SecureTransport", "true");
  return base;
}

// The same operations on a copy and on a layered context give the same context.
void Apply(RequestContext& ctx) {
  ctx.Set("AWS:principaltype", "User");         // overrides a base key: the base's spelling stays
  ctx.Set("aws:RequestedRegion", "us-east-1");  // a new key comes after the base's
  ctx.SetList("aws:tagkeys", {});
  ctx.Set("aws:requestedregion", "eu-west-1");
}

TEST(RequestContextTest, KeysAreCaseInsensitiveAndKeepTheirFirstSpelling) {
  RequestContext ctx;
  ctx.Set("aws:SourceArn", "x");
  ctx.Set("AWS:SOURCEARN", "y");
  ASSERT_NE(ctx.Find("aws:sourcearn"), nullptr);
  EXPECT_EQ(ctx.Find("aws:sourcearn")->display_key, "aws:SourceArn");
  EXPECT_EQ(ctx.Find("aws:sourcearn")->values, std::vector<std::string>{"y"});
  EXPECT_EQ(ctx.FindLower("aws:sourcearn"), ctx.Find("Aws:SourceArn"));
  EXPECT_EQ(ctx.FindLower("aws:SourceArn"), nullptr);  // FindLower takes the lower-cased key
  EXPECT_EQ(ctx.Find("aws:SourceAccount"), nullptr);
}

TEST(RequestContextTest, LayeredContextBehavesAsACopyOfItsBase) {
  RequestContext copy = Base();
  auto shared = std::make_shared<const RequestContext>(Base());
  RequestContext layered(shared);
  EXPECT_EQ(Flatten(layered), Flatten(copy));
  Apply(copy);
  Apply(layered);
  EXPECT_EQ(Flatten(layered), Flatten(copy));
  for (const char* key : {"aws:principaltype", "aws:tagkeys", "aws:securetransport",
                          "aws:requestedregion", "aws:absent"}) {
    const ContextEntry* a = copy.FindLower(key);
    const ContextEntry* b = layered.FindLower(key);
    ASSERT_EQ(a == nullptr, b == nullptr) << key;
    if (a != nullptr) {
      EXPECT_EQ(a->values, b->values) << key;
    }
  }
  EXPECT_EQ(Flatten(*shared), Flatten(Base()));  // the base is untouched
}

TEST(RequestContextTest, ErasingFromALayeredContext) {
  RequestContext copy = Base();
  RequestContext layered(std::make_shared<const RequestContext>(Base()));
  Apply(copy);
  Apply(layered);
  copy.Erase("aws:SecureTransport");
  layered.Erase("aws:SecureTransport");
  EXPECT_EQ(layered.Find("aws:securetransport"), nullptr);
  EXPECT_EQ(Flatten(layered), Flatten(copy));
}

TEST(RequestContextTest, LayeringOnALayeredContextFlattensIt) {
  auto first = std::make_shared<RequestContext>(std::make_shared<const RequestContext>(Base()));
  first->Set("aws:RequestedRegion", "us-east-1");
  RequestContext second{std::shared_ptr<const RequestContext>(first)};
  second.Set("aws:SourceIp", "10.0.0.1");
  RequestContext copy = Base();
  copy.Set("aws:RequestedRegion", "us-east-1");
  copy.Set("aws:SourceIp", "10.0.0.1");
  EXPECT_EQ(Flatten(second), Flatten(copy));
}

}  // namespace
}  // namespace policylab
