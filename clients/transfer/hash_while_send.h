#ifndef HOSO_CLIENTS_TRANSFER_HASH_WHILE_SEND_H_
#define HOSO_CLIENTS_TRANSFER_HASH_WHILE_SEND_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "clients/app/connection.h"
#include "clients/transfer/content_sender.h"
#include "clients/transfer/local_file.h"

namespace hoso::cli {

// Files this large are worth reading once instead of twice when the server is
// unlikely to hold them already.
inline constexpr uint64_t kHashWhileSendFrom = 64ull << 20;

// For each size, whether `school` (empty: the caller's own uploads) holds
// content of exactly that size: a likely duplicate, to be hashed first.
grpc::Status ProbeSizes(Connection& c, const std::vector<uint64_t>& sizes,
                        const std::string& school, std::vector<bool>* held);

// Sends `file` (sized, not hashed) hashing it as it goes, the hash declared at
// the end and checked by the server; sets file->sha256 once acknowledged.
// Resumable: the upload id comes from the file's path and identity, so an
// interrupted run, or the next one, continues from the server's durable
// part (hashing that prefix locally without sending it).
grpc::Status SendHashingWhileSending(Connection& c, LocalFile* file, const std::string& school,
                                     RateLimiter& limiter, std::atomic<uint64_t>* sent,
                                     bool quiet = false);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_HASH_WHILE_SEND_H_
