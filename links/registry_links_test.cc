#include "links/registry_links.h"

#include <map>
#include <string>

#include "geo/testing/map_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/record_resolver.h"
#include "resolver/standardize/location.h"

namespace mdhub::links {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class RegistryLinksTest : public geo::testing::MapFixture {
 protected:
  RegistryLinksTest() : resolver_(*entities_) {}

  std::string Submit(const std::string& source, const std::string& key,
                     std::map<std::string, std::string> attrs, store::Kind kind = store::PERSON) {
    resolver::Mutation m;
    m.record.set_source(source);
    m.record.set_record_key(key);
    m.record.set_kind(kind);
    for (auto& [k, v] : attrs) (*m.record.mutable_attributes())[k] = v;
    auto outcome = resolver_.Apply(m);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->entity_id : "";
  }

  // A square parcel of `size` degrees with its south-west corner at (x, y).
  void Parcel(const std::string& id, double x, double y, double size) {
    geo::FeatureMutation m;
    m.layer_id = "land.parcel";
    m.feature_id = id;
    m.geometry = geo::Geometry::Rectangle({x, y, x + size, y + size});
    auto r = WriteOne(std::move(m));
    ASSERT_TRUE(r.ok()) << r.status();
  }

  std::vector<std::string> Ids(const PlaceRef& place, std::vector<store::Kind> kinds = {},
                               int page_size = 100) {
    std::vector<std::string> ids;
    std::string token;
    do {
      auto page = EntitiesIn(*map_, place, kinds, page_size, token);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (const RegisteredEntity& e : page->entities) ids.push_back(e.entity_id);
      token = page->next_page_token;
    } while (!token.empty());
    return ids;
  }

  resolver::RecordResolver resolver_;
};

TEST_F(RegistryLinksTest, AnAddressLinksAPersonAndAnOrganisationToTheirDivisionsBothWays) {
  const std::string wang = Submit("ps.hukou", "h1",
                                  {{"name", "王芳"}, {"citizen_id", "450102199003071238"},
                                   {"address", "南宁市兴宁区民生街道民族大道118号"}});
  const std::string li = Submit("ps.hukou", "h2", {{"name", "李明"}, {"address", "广西武鸣县城厢镇"}});
  const std::string firm = Submit(
      "aic.registration", "r1",
      {{"name", "南宁市某某科技有限公司"}, {"address", "广西壮族自治区南宁市青秀区东葛路1号"}},
      store::LEGAL_ENTITY);
  const std::string elsewhere = Submit("ps.hukou", "h3", {{"name", "赵四"}, {"address", "北京市朝阳区"}});

  auto place = PlaceOf(*map_, *entities_->GetEntity(wang), {});
  ASSERT_TRUE(place.ok()) << place.status();
  ASSERT_GE(place->address_divisions.size(), 3u);
  EXPECT_EQ(place->address_divisions[0].code, "450000");
  EXPECT_EQ(place->address_divisions[1].code, "450100");
  EXPECT_EQ(place->address_divisions[2].code, "450102");
  EXPECT_EQ(place->address_divisions[2].name, "兴宁区");
  EXPECT_FALSE(place->location.has_value());

  // Nanning: both persons (Wuming county became a district of Nanning) and the firm; persons
  // first. The prefecture's 6-digit form means the same.
  EXPECT_THAT(Ids({"4501"}), ElementsAre(wang, li, firm));
  EXPECT_THAT(Ids({"450100"}), ElementsAre(wang, li, firm));
  EXPECT_THAT(Ids({"45"}, {store::LEGAL_ENTITY}), ElementsAre(firm));
  // The retired code of Wuming county finds those registered in Wuming district.
  EXPECT_THAT(Ids({"450122"}), ElementsAre(li));
  EXPECT_THAT(Ids({"11"}), ElementsAre(elsewhere));
  // A county retired twice (潮阳县 -> 潮阳市 -> 潮阳区) is read as the division of today.
  const std::string chaoyang = Submit("ps.hukou", "h4", {{"name", "陈明"}, {"address", "广东省汕头市潮阳县"}});
  EXPECT_THAT(Ids({"440513"}), ElementsAre(chaoyang));
  EXPECT_THAT(Ids({"440524"}), ElementsAre(chaoyang));
  // Pages of one carry on across kinds without loss or repetition.
  EXPECT_THAT(Ids({"4501"}, {}, 1), ElementsAre(wang, li, firm));
  EXPECT_THAT(Ids({"4501"}, {}, 2), ElementsAre(wang, li, firm));
}

TEST_F(RegistryLinksTest, ALocationLinksAnEntityToTheParcelsUnderItBothWays) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("land.parcel", store::POLYGON)).ok());
  Parcel("P1", 108.30, 22.80, 0.01);
  Parcel("P2", 108.31, 22.80, 0.01);
  const std::string inside = Submit("ps.hukou", "h1", {{"name", "王芳"}, {"location", "108.305,22.805"}});
  const std::string edge = Submit("ps.hukou", "h2", {{"name", "李明"}, {"location", "108.31,22.805"}});
  const std::string firm = Submit("aic.registration", "r1",
                                  {{"name", "某某公司"}, {"location", "１０８．３１５，２２．８０５"}},
                                  store::LEGAL_ENTITY);
  Submit("ps.hukou", "h3", {{"name", "赵四"}, {"location", "108.5,22.9"}});

  auto place = PlaceOf(*map_, *entities_->GetEntity(firm), {"land.parcel"});
  ASSERT_TRUE(place.ok()) << place.status();
  ASSERT_TRUE(place->location.has_value());
  EXPECT_DOUBLE_EQ(place->location->longitude, 108.315);
  ASSERT_EQ(place->features.size(), 1u);
  EXPECT_EQ(place->features[0].feature_id(), "P2");
  // Guangxi's polygon is on the built-in province layer only when the server loads it; here no
  // division layer exists, so the point has no division chain.
  EXPECT_TRUE(place->location_divisions.empty());

  // A point on the shared edge lies in both parcels.
  EXPECT_THAT(Ids({"", "land.parcel", "P1"}), ElementsAre(inside, edge));
  EXPECT_THAT(Ids({"", "land.parcel", "P2"}), ElementsAre(edge, firm));
  EXPECT_THAT(Ids({"", "land.parcel", "P2"}, {store::LEGAL_ENTITY}), ElementsAre(firm));
  EXPECT_THAT(Ids({"", "land.parcel", "P2"}, {}, 1), ElementsAre(edge, firm));

  // Moving the firm moves its link.
  Submit("aic.registration", "r1", {{"name", "某某公司"}, {"location", "108.305,22.809"}},
         store::LEGAL_ENTITY);
  EXPECT_THAT(Ids({"", "land.parcel", "P2"}), ElementsAre(edge));
  EXPECT_THAT(Ids({"", "land.parcel", "P1"}), ElementsAre(inside, edge, firm));
}

TEST_F(RegistryLinksTest, BadPlacesAreRefusedNamingTheField) {
  auto both = EntitiesIn(*map_, {"45", "land.parcel", "P1"}, {}, 10, "");
  EXPECT_THAT(std::string(both.status().message()), HasSubstr("division_code, feature: give one"));
  auto code = EntitiesIn(*map_, {"4501x"}, {}, 10, "");
  EXPECT_THAT(std::string(code.status().message()), HasSubstr("division_code: \"4501x\""));
  auto kinds = EntitiesIn(*map_, {"45"}, {store::SPATIAL_FEATURE}, 10, "");
  EXPECT_THAT(std::string(kinds.status().message()), HasSubstr("kinds[0]"));
  auto size = EntitiesIn(*map_, {"45"}, {}, 0, "");
  EXPECT_THAT(std::string(size.status().message()), HasSubstr("page_size"));
  auto token = EntitiesIn(*map_, {"45"}, {}, 10, "bm90IGEgdG9rZW4");
  EXPECT_THAT(std::string(token.status().message()), HasSubstr("page_token"));
  auto layer = EntitiesIn(*map_, {"", "no.such", "P1"}, {}, 10, "");
  EXPECT_EQ(layer.status().code(), absl::StatusCode::kNotFound);
}

TEST(LocationTest, ReadsTheCommonFormsAndRefusesTheRest) {
  for (const char* raw : {"108.3205,22.8152", " 108.3205 , 22.8152 ", "108.3205 22.8152",
                          "POINT(108.3205 22.8152)", "１０８．３２０５，２２．８１５２"}) {
    auto p = resolver::ParseLocation(raw);
    ASSERT_TRUE(p.ok()) << raw << ": " << p.status();
    EXPECT_EQ(resolver::StandardLocation(*p), "108.3205,22.8152") << raw;
  }
  EXPECT_THAT(std::string(resolver::ParseLocation("22.8,108.3").status().message()),
              HasSubstr("latitude 108.3 is outside [-90, 90] (longitude comes first"));
  EXPECT_FALSE(resolver::ParseLocation("108.3").ok());
  EXPECT_FALSE(resolver::ParseLocation("east,north").ok());
  EXPECT_FALSE(resolver::ParseLocation("nan,1").ok());
  // Cells nest: a point's cell at a coarser level prefixes its finest cell.
  const resolver::GeoPoint p{108.3205, 22.8152};
  EXPECT_EQ(resolver::LocationCell(p).substr(0, 9), resolver::LocationCell(p, 9));
  for (const std::string& cell : resolver::CellsCovering(108.3, 22.8, 108.31, 22.81)) {
    EXPECT_LT(cell.size(), 20u);
  }
  EXPECT_LE(resolver::CellsCovering(100, 20, 110, 30).size(), 16u);
}

}  // namespace
}  // namespace mdhub::links
