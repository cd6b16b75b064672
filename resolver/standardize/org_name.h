// Chinese organisation names read for matching: the distinguishing core, the legal form or kind
// of organisation (有限公司, 合作社, 协会, 局 ...), the division the name places it in (南宁市...,
// 某某(南宁)...), and the branch marker (...南宁分公司). Enterprises, social organisations and
// public institutions alike.
#ifndef MDHUB_RESOLVER_STANDARDIZE_ORG_NAME_H_
#define MDHUB_RESOLVER_STANDARDIZE_ORG_NAME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// All text is in StandardName's written form (half-width, simplified, ASCII lower-cased) and
// holds no '|'.
struct OrgName {
  // What is left of the name: "某某科技" for "广西南宁某某科技有限公司". Empty only when the
  // input is. A name that is nothing but a division keeps it as core ("南宁市").
  std::string core;
  // The longest listed suffix the name ends with (org_name.cc, kForms): "股份有限公司",
  // "农民专业合作社", "协会", "局" ...; "" when none, or when nothing would be left of the core.
  std::string legal_form;
  // The finest division (GB/T 2260: province 2 digits, prefecture 4, county 6) named at the start
  // of the name or in brackets, and its published name; "" when none.
  std::string region_code;
  std::string region_name;
  // Whether the name ends in a branch marker (branch_kind: 分公司, 分店, 办事处, 营业部, 分行,
  // 支行, 分院 ...). The head office's name then gives core, legal_form and region.
  bool is_branch = false;
  std::string branch_kind;
  // What tells the branch apart ("南宁" in "某某有限公司南宁分公司"), "" when it cannot be told
  // from the head office's name; branch_code is its division code when it names one ("4501").
  std::string branch;
  std::string branch_code;
};

// Reads a name. Any input is accepted; bytes that are not UTF-8 are dropped. Thread-safe. The
// first call builds the county-level place index (some tens of milliseconds).
OrgName ParseOrgName(absl::string_view raw);

// The standard form for comparison and blocking: "CORE|FORM|REGION|BRANCH", where REGION is
// region_code and BRANCH is (branch_code, else branch) followed by branch_kind ("" for a head
// office). "" when the name is empty.
//   "南宁市某某科技有限公司"               -> "某某科技|有限公司|4501|"
//   "某某科技（南宁）有限公司"             -> "某某科技|有限公司|4501|"
//   "廣西某某科技有限公司南寧分公司"       -> "某某科技|有限公司|45|4501分公司"
// The core comes first, so "org_name:N" blocks on the first N characters of the core. A branch
// never has the standard form of its head office. Thread-safe.
std::string StandardOrgName(absl::string_view raw);
std::string StandardOrgName(const OrgName& name);

// What tells a branch apart in the standard form: branch_code (else branch), then branch_kind;
// "" for a head office.
std::string OrgBranchKey(const OrgName& name);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_ORG_NAME_H_
