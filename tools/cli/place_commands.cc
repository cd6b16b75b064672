// mdhub place of / in: the links between the registries and the one map through SpatialService
// (LocateEntity, ListEntitiesInPlace).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "mdhub/v1/spatial.grpc.pb.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/layer_output.h"
#include "tools/cli/text_table.h"

namespace mdhub::cli {
namespace {

struct PlaceArgs {
  ClientOptions client;
  std::string entity_id;
  std::vector<std::string> layers;
  std::string division, feature, kind;
  int limit = 100;
  bool json = false;
};

std::string Location(bool has, double longitude, double latitude) {
  return has ? absl::StrFormat("%.7g,%.7g", longitude, latitude) : "-";
}

int Of(const PlaceArgs& a) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::SpatialService::NewStub(*channel);
  v1::LocateEntityRequest req;
  req.set_entity_id(a.entity_id);
  for (const std::string& l : a.layers) req.add_layer_ids(l);
  v1::LocateEntityResponse resp;
  grpc::Status s = stub->LocateEntity(NewContext(a.client).get(), req, &resp);
  if (!s.ok()) return ReportError(s);
  if (a.json) {
    PrintJson(resp);
    return 0;
  }
  std::printf("%s (%s)\naddress   %s\n", resp.entity_id().c_str(),
              v1::EntityKind_Name(resp.kind()).c_str(),
              resp.address().empty() ? "-" : resp.address().c_str());
  if (!resp.address_divisions().empty()) {
    std::printf("\ndivisions of the address:\n%s", FormatDivisions(resp.address_divisions()).c_str());
  }
  std::printf("\nlocation  %s\n",
              Location(resp.has_location(), resp.longitude(), resp.latitude()).c_str());
  if (!resp.location_divisions().empty()) {
    std::printf("\ndivisions at the location:\n%s",
                FormatDivisions(resp.location_divisions()).c_str());
  }
  if (!resp.features().empty()) {
    TextTable table({"layer", "feature", "entity"});
    for (const v1::Feature& f : resp.features()) {
      table.AddRow({f.layer_id(), f.feature_id(), f.entity_id()});
    }
    std::printf("\nfeatures at the location:\n%s", table.Render().c_str());
  } else if (resp.has_location() && !a.layers.empty()) {
    std::printf("\nno feature of %s lies at the location\n", absl::StrJoin(a.layers, ", ").c_str());
  }
  return 0;
}

int In(const PlaceArgs& a) {
  v1::ListEntitiesInPlaceRequest req;
  req.set_division_code(a.division);
  if (!a.feature.empty()) {
    std::vector<std::string> parts = absl::StrSplit(a.feature, absl::MaxSplits('/', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return ReportError(absl::InvalidArgumentError(
          absl::StrCat("--feature: \"", a.feature, "\" must be LAYER/FEATURE_ID, e.g. land.parcel/450103001001GB00001")));
    }
    req.mutable_feature()->set_layer_id(parts[0]);
    req.mutable_feature()->set_feature_id(parts[1]);
  }
  if (a.kind == "person") req.add_kinds(v1::PERSON);
  if (a.kind == "org") req.add_kinds(v1::LEGAL_ENTITY);
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::SpatialService::NewStub(*channel);
  TextTable table({"entity", "kind", "name", "division", "location"});
  int shown = 0;
  do {
    req.set_page_size(std::min(a.limit - shown, 1000));
    v1::ListEntitiesInPlaceResponse resp;
    grpc::Status s = stub->ListEntitiesInPlace(NewContext(a.client).get(), req, &resp);
    if (!s.ok()) return ReportError(s);
    if (a.json) PrintJson(resp);
    for (const auto& e : resp.entities()) {
      table.AddRow({e.entity_id(), e.kind() == v1::PERSON ? "person" : "org", e.name(),
                    e.division_code(), Location(e.has_location(), e.longitude(), e.latitude())});
      ++shown;
    }
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty() && shown < a.limit);
  if (a.json) return 0;
  std::fputs(table.Render().c_str(), stdout);
  std::fprintf(stderr, "%d %s%s\n", shown, shown == 1 ? "entity" : "entities",
               req.page_token().empty() ? "" : " (more: raise --limit)");
  return 0;
}

int Division(const PlaceArgs& a) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::SpatialService::NewStub(*channel);
  v1::GetDivisionRequest req;
  req.set_code(a.division);
  v1::DivisionRecord resp;
  grpc::Status s = stub->GetDivision(NewContext(a.client).get(), req, &resp);
  if (!s.ok()) return ReportError(s);
  if (a.json) {
    PrintJson(resp);
    return 0;
  }
  google::protobuf::RepeatedPtrField<v1::LocateDivisionsResponse::Division> chain = resp.parents();
  *chain.Add() = resp.division();
  std::fputs(FormatDivisions(chain).c_str(), stdout);
  std::printf("\n%s %s: %s; %d divisions under it\n", resp.division().code().c_str(),
              resp.division().name().c_str(),
              resp.retired() ? absl::StrCat("retired, now ", resp.current().code(), " ",
                                            resp.current().name()).c_str()
                             : "current",
              resp.children());
  for (const auto& c : resp.history()) {
    std::printf("  %s  %s %s -> %s %s\n", c.year() > 0 ? absl::StrCat(c.year()).c_str() : "----",
                c.retired().code().c_str(), c.retired().name().c_str(),
                c.successor().code().c_str(), c.successor().name().c_str());
  }
  return 0;
}

}  // namespace

void AddPlaceCommands(CLI::App& app, int* exit_code) {
  CLI::App* place = app.add_subcommand(
      "place",
      "Links between the registries and the one map: where a person or organisation is (the "
      "divisions of its address; the divisions and parcels under its location, from the record "
      "attribute location=\"longitude,latitude\"), and who is registered in a division or "
      "located inside a parcel.");
  place->require_subcommand(1);

  auto of = std::make_shared<PlaceArgs>();
  CLI::App* of_cmd = place->add_subcommand(
      "of",
      "Where an entity is.\n  mdhub place of P0000000012 --layer land.parcel");
  of_cmd->add_option("entity_id", of->entity_id, "a person's or legal entity's id")->required();
  of_cmd->add_option("--layer", of->layers,
                     "list the features of this layer under the entity's location (repeatable)");
  of_cmd->add_flag("--json", of->json, "print JSON");
  of->client.AddTo(*of_cmd);
  of_cmd->callback([of, exit_code] { *exit_code = Of(*of); });

  auto division = std::make_shared<PlaceArgs>();
  CLI::App* division_cmd = place->add_subcommand(
      "division",
      "What a division code names, its parents, and its history (codes retired into it or it "
      "into another).\n  mdhub place division 450122");
  division_cmd->add_option("code", division->division, "2, 4, 6, 9 or 12 digits")->required();
  division_cmd->add_flag("--json", division->json, "print JSON");
  division->client.AddTo(*division_cmd);
  division_cmd->callback([division, exit_code] { *exit_code = Division(*division); });

  auto in = std::make_shared<PlaceArgs>();
  CLI::App* in_cmd = place->add_subcommand(
      "in",
      "Who is registered in a division (by address) or located inside a feature (by location).\n"
      "  mdhub place in --division 450103\n"
      "  mdhub place in --feature land.parcel/450103001001GB00001 --kind person");
  auto* by_division = in_cmd->add_option(
      "--division", in->division,
      "GB/T 2260 code: 2, 4 or 6 digits (450100 = 4501), 9 for a township, 12 for a village");
  auto* feature = in_cmd->add_option("--feature", in->feature, "LAYER/FEATURE_ID, e.g. a parcel");
  by_division->excludes(feature);
  feature->excludes(by_division);
  in_cmd->add_option("--kind", in->kind, "person or org (default: both, as far as you may read them)")
      ->check(CLI::IsMember({"person", "org"}));
  in_cmd->add_option("--limit", in->limit, "show at most this many")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  in_cmd->add_flag("--json", in->json, "print the responses as JSON");
  in->client.AddTo(*in_cmd);
  in_cmd->callback([in, exit_code] {
    if (in->division.empty() && in->feature.empty()) {
      *exit_code = ReportError(absl::InvalidArgumentError(
          "give --division CODE or --feature LAYER/FEATURE_ID"));
      return;
    }
    *exit_code = In(*in);
  });
}

}  // namespace mdhub::cli
