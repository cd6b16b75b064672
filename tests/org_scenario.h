// OrgScenario: the legal entities and persons of the relationship tests, submitted through the
// server by the agencies that own them: a head office with two branches (one naming it by credit
// code, one by a differently written name) and a training school it sponsors; a trading company
// whose legal representative changed before it was deregistered; and social-security records
// employing persons there.
#ifndef MDHUB_TESTS_ORG_SCENARIO_H_
#define MDHUB_TESTS_ORG_SCENARIO_H_

#include <string>

#include "absl/time/time.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {

// Valid (GB 11643 / GB 32100) numbers of the scenario.
inline constexpr char kWeiId[] = "450102197501010017";  // 韦国强: represents both companies
inline constexpr char kLiId[] = "450103198002020027";   // 李明: the trading company's new one
inline constexpr char kHeadCode[] = "91450100MA5L000138";
inline constexpr char kTradeCode[] = "91450100MA5L000213";
inline constexpr char kBranchCode[] = "91450100MA5L0003XT";
inline constexpr char kBranch2Code[] = "91450100MA5L00048T";
inline constexpr char kSchoolCode[] = "52450100MJY00001XH";

// `Base` is E2eTest or a fixture derived from it.
template <typename Base>
class OrgScenario : public Base {
 protected:
  void SubmitScenario() {
    wei_ = this->SubmitPerson("ps", "ps.hukou", "h1", {{"name", "韦国强"}, {"citizen_id", kWeiId}})
               .entity_id();
    li_ = this->SubmitPerson("ps", "ps.hukou", "h2", {{"name", "李明"}, {"citizen_id", kLiId}})
              .entity_id();
    head_ = this->SubmitLegalEntity("aic", "aic.registration", "A1",
                                    {{"name", "南宁市某某科技有限公司"},
                                     {"credit_code", kHeadCode},
                                     {"org_type", "有限责任公司"},
                                     {"status", "存续"},
                                     {"legal_representative", "韦国强"},
                                     {"legal_representative_id", kWeiId},
                                     {"address", "广西壮族自治区南宁市兴宁区民主路12号"}})
                .entity_id();
    trade_ = this->SubmitLegalEntity("aic", "aic.registration", "A2",
                                     {{"name", "广西某某贸易有限公司"},
                                      {"credit_code", kTradeCode},
                                      {"legal_representative", "韦国强"},
                                      {"legal_representative_id", kWeiId}})
                 .entity_id();
    this->clock_.Advance(absl::Hours(1));
    // A later change registration names a new representative: 韦国强 is a former one. Then the
    // company was deregistered.
    this->SubmitLegalEntity("aic", "aic.change", "A2-1",
                            {{"name", "广西某某贸易有限公司"},
                             {"credit_code", kTradeCode},
                             {"status", "注销"},
                             {"status_date", "2025-06-30"},
                             {"legal_representative", "李明"},
                             {"legal_representative_id", kLiId}});
    before_branches_ = this->clock_.Now();
    this->clock_.Advance(absl::Hours(1));
    branch_ = this->SubmitLegalEntity("aic", "aic.registration", "A3",
                                      {{"name", "南宁市某某科技有限公司青秀分公司"},
                                       {"credit_code", kBranchCode},
                                       {"head_office_name", "南宁市某某科技有限公司"},
                                       {"head_office_credit_code", kHeadCode}})
                  .entity_id();
    // Names its head office only, written another way (the same standard name).
    branch2_ = this->SubmitLegalEntity("aic", "aic.registration", "A4",
                                       {{"name", "南宁市某某科技有限公司兴宁分公司"},
                                        {"credit_code", kBranch2Code},
                                        {"head_office_name", "某某科技（南宁）有限公司"}})
                   .entity_id();
    school_ = this->SubmitLegalEntity("mca", "mca.social_org", "M1",
                                      {{"name", "南宁市某某职业培训学校"},
                                       {"credit_code", kSchoolCode},
                                       {"org_type", "民办非企业单位"},
                                       {"sponsor_name", "南宁市某某科技有限公司"},
                                       {"sponsor_credit_code", kHeadCode}})
                  .entity_id();
    // Social security: two employees of the head office (its name written two ways), one of
    // the trading company named by credit code, one of a branch; and a household record that
    // names an employer but is no social-security record.
    wang_ = this->SubmitPerson("hrss", "hrss.insured", "S1",
                               {{"name", "王芳"},
                                {"citizen_id", "450102199003071238"},
                                {"employer", "南宁市某某科技有限公司"}})
                .entity_id();
    lu_ = this->SubmitPerson("hrss", "hrss.insured", "S2",
                             {{"name", "陆建国"},
                              {"citizen_id", "45010319880808007X"},
                              {"employer", "某某科技（南宁）有限公司"}})
              .entity_id();
    zhang_ = this->SubmitPerson("hrss", "hrss.insured", "S3",
                                {{"name", "张三"},
                                 {"citizen_id", "450103198505050033"},
                                 {"employer", "广西某某贸易公司"},
                                 {"employer_credit_code", kTradeCode}})
                 .entity_id();
    zhao_ = this->SubmitPerson("hrss", "hrss.insured", "S4",
                               {{"name", "赵四"},
                                {"citizen_id", "450102199209090047"},
                                {"employer", "南宁市某某科技有限公司青秀分公司"}})
                .entity_id();
    this->SubmitPerson("ps", "ps.hukou", "h3",
                       {{"name", "钱五"},
                        {"citizen_id", "450102199303030059"},
                        {"employer", "南宁市某某科技有限公司"}});
  }

  std::string wei_, li_, head_, trade_, branch_, branch2_, school_;
  std::string wang_, lu_, zhang_, zhao_;
  absl::Time before_branches_;
};

}  // namespace mdhub::tests

#endif  // MDHUB_TESTS_ORG_SCENARIO_H_
