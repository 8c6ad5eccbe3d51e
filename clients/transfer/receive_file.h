#ifndef HOSO_CLIENTS_TRANSFER_RECEIVE_FILE_H_
#define HOSO_CLIENTS_TRANSFER_RECEIVE_FILE_H_

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "clients/app/exit_codes.h"
#include "clients/transfer/direct_file.h"

namespace hoso::cli {

// Writes a server stream of messages with a `data` field into `path`: first
// as PATH.part (O_DIRECT where possible), synced, then renamed, so a failed transfer leaves no
// file. Returns an exit code after reporting any error as `what`; *total gets the bytes written.
template <typename Chunk>
int ReceiveFile(grpc::ClientContext& context, grpc::ClientReader<Chunk>& reader,
                const std::string& path, const std::string& what, uint64_t* total) {
  const std::string part = path + ".part";
  DirectFile file;
  if (!file.Open(part)) {
    return ReportError("cannot create " + part + ": " + std::strerror(errno), kLocalIo);
  }
  Chunk chunk;
  *total = 0;
  bool ok = true;
  while (ok && reader.Read(&chunk)) {
    ok = file.Write(chunk.data());
    *total += chunk.data().size();
  }
  if (!ok) context.TryCancel();
  const grpc::Status status = reader.Finish();
  ok = file.Finish() && ok;
  if (!status.ok()) {
    ::unlink(part.c_str());
    return ReportRpcError(what, status);
  }
  if (!ok || ::rename(part.c_str(), path.c_str()) != 0) {
    ::unlink(part.c_str());
    return ReportError("cannot write " + path, kLocalIo);
  }
  return kOk;
}

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_RECEIVE_FILE_H_
