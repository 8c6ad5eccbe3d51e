#ifndef HOSO_CLIENTS_COMMANDS_ITEM_REQUEST_H_
#define HOSO_CLIENTS_COMMANDS_ITEM_REQUEST_H_

#include <string>
#include <vector>

#include "clients/app/commands.h"
#include "clients/transfer/local_file.h"
#include "hoso/v1/hoso.pb.h"

namespace hoso::cli {

// The CreateEvidence request for one item of `hoso upload`: the metadata of
// the command line, with this item's title and criteria, and its files.
v1::CreateEvidenceRequest ItemRequest(const GlobalOptions& options, const UploadArgs& args,
                                      const std::string& title,
                                      const std::vector<std::string>& criteria,
                                      const std::vector<const LocalFile*>& files);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_ITEM_REQUEST_H_
