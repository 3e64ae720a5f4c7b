// Tested by tests/unit/variables_test.cc.
#include "core/variables.h"

namespace policylab {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

void Append(MarkedString& out, std::string_view text, bool literal) {
  out.text.append(text);
  out.literal.insert(out.literal.end(), text.size(), literal);
}

}  // namespace

Glob GlobFromMarked(const MarkedString& s, size_t begin, size_t end, CaseMode mode) {
  GlobBuilder builder(mode);
  size_t run = begin;
  for (size_t i = begin; i <= end; ++i) {
    if (i == end || s.literal[i] != s.literal[run]) {
      std::string_view piece(s.text.data() + run, i - run);
      if (run < end && s.literal[run]) {
        builder.AddLiteral(piece);
      } else {
        builder.AddPattern(piece);
      }
      run = i;
    }
  }
  return std::move(builder).Build();
}

Template Template::Parse(std::string_view text, bool variables_enabled) {
  Template t;
  t.text_ = std::string(text);
  auto add_text = [&](std::string_view s) {
    if (s.empty()) return;
    if (!t.pieces_.empty() && t.pieces_.back().kind == Piece::Kind::kText) {
      t.pieces_.back().text.append(s);
    } else {
      t.pieces_.push_back({Piece::Kind::kText, std::string(s), "", false, ""});
    }
  };
  if (!variables_enabled) {
    add_text(text);
    return t;
  }
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    if (open == std::string_view::npos) {
      add_text(text.substr(i));
      break;
    }
    size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) {
      add_text(text.substr(i));  // unterminated: literal text
      break;
    }
    add_text(text.substr(i, open - i));
    std::string_view body = text.substr(open + 2, close - open - 2);
    // A default's quoted literal may itself contain '}' — look for the quote first.
    size_t comma = body.find(',');
    if (comma != std::string_view::npos) {
      size_t q1 = text.find('\'', open + 2 + comma);
      size_t q2 = q1 == std::string_view::npos ? q1 : text.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        size_t end = text.find('}', q2);
        if (end != std::string_view::npos && Trim(text.substr(q2 + 1, end - q2 - 1)).empty()) {
          close = end;
          body = text.substr(open + 2, close - open - 2);
        }
      }
    }
    if (body == "*" || body == "?" || body == "$") {
      t.pieces_.push_back({Piece::Kind::kLiteral, std::string(body), "", false, ""});
      t.has_variables_ = true;
    } else {
      Piece p;
      p.kind = Piece::Kind::kVariable;
      std::string_view key = body;
      comma = body.find(',');
      if (comma != std::string_view::npos) {
        key = body.substr(0, comma);
        std::string_view def = Trim(body.substr(comma + 1));
        if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') {
          p.has_default = true;
          p.default_value = std::string(def.substr(1, def.size() - 2));
        }
      }
      key = Trim(key);
      if (key.empty() || key.find(':') == std::string_view::npos) {
        add_text(text.substr(open, close + 1 - open));  // not a variable: literal
      } else {
        p.text = std::string(key);
        p.key_lower = AsciiLower(key);
        t.pieces_.push_back(std::move(p));
        t.has_variables_ = true;
      }
    }
    i = close + 1;
  }
  return t;
}

bool Template::Resolve(const RequestContext& context, MarkedString& out,
                       std::vector<std::string>* missing) const {
  out.Clear();
  bool ok = true;
  for (const Piece& p : pieces_) {
    switch (p.kind) {
      case Piece::Kind::kText:
        Append(out, p.text, false);
        break;
      case Piece::Kind::kLiteral:
        Append(out, p.text, true);
        break;
      case Piece::Kind::kVariable: {
        const ContextEntry* e = context.FindLower(p.key_lower);
        // spec §2.5: only single-valued keys may be used as variables.
        if (e != nullptr && !e->multivalued && e->values.size() == 1) {
          Append(out, e->values[0], true);
        } else if (p.has_default) {
          Append(out, p.default_value, true);
        } else {
          ok = false;
          if (missing) missing->push_back(p.text);
        }
        break;
      }
    }
  }
  return ok;
}

}  // namespace policylab
