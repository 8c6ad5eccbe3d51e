#ifndef HOSO_STORAGE_DOSSIER_DOSSIER_INDEX_H_
#define HOSO_STORAGE_DOSSIER_DOSSIER_INDEX_H_

#include <map>
#include <string>
#include <vector>

#include "storage/bagit/bag_assessment.pb.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

// The link from data/index.html to the payload file `bag_path`
// ("data/Tiêu chuẩn 1/…"): its path under data/, percent-encoded.
std::string PayloadHref(const std::string& bag_path);

// data/index.html of a dossier: one self-contained page (inline style, no
// script, no network) listing standards, criteria and their evidence with
// links to the files, under a coverage overview. `paths` maps an item id to
// the bag paths of its files, in file order.
// With the self-assessment the dossier carries (`assessment`, as in
// danh-gia.json), each evidence entry says which criteria's approved texts
// cite it ("Được dẫn ở tiêu chí 1.1, 2.3"), and a section per criterion of
// the report links every code it cites to that entry (#e<item id>).
std::string RenderDossierIndex(const Framework& framework, const DossierRecord& dossier,
                               const std::vector<EvidenceRecord>& items,
                               const std::map<uint64_t, std::vector<std::string>>& paths,
                               const bag::BagAssessment* assessment = nullptr);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_DOSSIER_DOSSIER_INDEX_H_
