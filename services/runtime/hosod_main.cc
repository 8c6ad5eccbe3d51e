// hosod: the hoso evidence server.
#include <malloc.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "services/runtime/content_flags.h"
#include "services/runtime/log.h"
#include "services/runtime/server.h"
#include "storage/maintenance/backup.h"

namespace {

std::string DefaultDataDir() {
  if (const char* env = std::getenv("HOSO_DATA"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/hoso";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/hoso";
  return "hoso-data";
}

// "3d", "72h", "90m", "3600s" or plain seconds; nullopt when unreadable.
std::optional<int64_t> ParseDuration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  int64_t unit = 1;
  std::string digits = text;
  switch (text.back()) {
    case 'd':
      unit = 86400;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'm':
      unit = 60;
      break;
    case 's':
      unit = 1;
      break;
    default:
      break;
  }
  if (unit != 1 || text.back() == 's') digits.pop_back();
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(digits) * unit;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hosod: stores school accreditation evidence (minh chứng) and serves it over gRPC"};
  hoso::ServerOptions options;
  options.data_dir = DefaultDataDir();
  app.add_option("--data", options.data_dir,
                 "data directory (env HOSO_DATA; default ~/.local/share/hoso)")
      ->capture_default_str();
  app.add_option("--listen", options.listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  app.add_option("--tls-cert", options.tls_cert, "serve TLS with this certificate (PEM)")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", options.tls_key, "private key of --tls-cert (PEM)")
      ->check(CLI::ExistingFile);
  app.add_option("--client-ca", options.client_ca,
                 "require client certificates signed by this CA (PEM); needs --tls-cert")
      ->check(CLI::ExistingFile);
  hoso::Limits& limits = options.limits;
  app.add_option("--max-file-size", limits.max_file_bytes, "largest file accepted, e.g. 10G")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_option("--max-files-per-item", limits.max_files_per_item, "files in one evidence item")
      ->capture_default_str();
  app.add_option("--max-calls-per-user", limits.max_calls_per_user,
                 "one user's calls in progress at once")
      ->capture_default_str();
  app.add_option("--min-free", limits.min_free_bytes,
                 "disk kept free on the data directory's filesystem, e.g. 512M; uploads that "
                 "would eat into it are refused (RESOURCE_EXHAUSTED)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_option("--idle-timeout", limits.idle_timeout_seconds,
                 "seconds a transfer may make no progress before it is stopped")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  std::string upload_expiry = "3d";
  app.add_option("--upload-expiry", upload_expiry,
                 "an unfinished upload with no progress this long is dropped with its bytes "
                 "(3d, 72h, 90m, seconds)")
      ->check([](const std::string& v) {
        auto d = ParseDuration(v);
        return d && *d > 0 ? std::string() : std::string("give a duration like 3d, 72h or 90m");
      })
      ->capture_default_str();
  app.add_option("--max-unfinished", options.uploads.max_unfinished_bytes,
                 "bytes of unfinished uploads one person may keep, e.g. 20G (0: no limit); "
                 "more are refused (RESOURCE_EXHAUSTED)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_option("--idle-stream-after", limits.idle_stream_seconds,
                 "seconds a stream may move no message before it counts as idle")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  app.add_option("--max-idle-streams", limits.max_idle_streams,
                 "idle streams kept on the server; beyond, the longest idle are ended "
                 "(RESOURCE_EXHAUSTED)")
      ->capture_default_str();
  app.add_option("--max-idle-streams-per-user", limits.max_idle_streams_per_user,
                 "idle streams kept of one user; beyond, the longest idle are ended")
      ->capture_default_str();
  app.add_option("--scrub-rate", options.scrub_bytes_per_second,
                 "re-verify stored content in the background at this many bytes/s, e.g. 16M "
                 "(0: off); problems go to the log and to health service hoso.v1.integrity")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_option("--pack-size", options.pack_bytes,
                 "pack files are closed at this size, e.g. 1G; hoso admin gc repacks mostly-dead "
                 "ones")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(uint64_t{1} << 20, uint64_t{1} << 40))
      ->capture_default_str();
  hoso::ContentFlags content;
  hoso::AddContentFlags(app, content);
  app.add_option("--content-health-every", options.content_health_seconds,
                 "seconds between checks that the content store answers (health service "
                 "hoso.content)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--max-threads", options.max_threads,
                 "calls served at once (one thread each); more are refused as busy")
      ->check(CLI::Range(8, 65536))
      ->capture_default_str();
  double session_hours = 12;
  app.add_option("--session-hours", session_hours,
                 "how long a sign-in (password or login code) lasts, in hours; fractions allowed")
      ->check(CLI::Range(0.0003, 720.0))
      ->capture_default_str();
  hoso::LoginThrottleSettings& throttle = options.login.throttle;
  app.add_option("--login-attempts", throttle.max_failures,
                 "failed password attempts of one account within --login-window before it is "
                 "paused (RESOURCE_EXHAUSTED), even for the right password")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  std::string login_window = "15m", login_pause = "15m";
  auto duration_check = [](const std::string& v) {
    auto d = ParseDuration(v);
    return d && *d > 0 ? std::string() : std::string("give a duration like 15m, 1h or 30s");
  };
  app.add_option("--login-window", login_window,
                 "the span in which --login-attempts failures pause an account (15m, 1h, 30s)")
      ->check(duration_check)
      ->capture_default_str();
  app.add_option("--login-pause", login_pause, "how long a paused account waits (15m, 1h, 30s)")
      ->check(duration_check)
      ->capture_default_str();
  std::string restore_from;
  app.add_option("--restore-from", restore_from,
                 "first restore the newest backup in this directory (hoso admin backup) into "
                 "--data, which must be new; then serve")
      ->check(CLI::ExistingDirectory);
  bool restore_skip_fsck = false;
  app.add_flag("--restore-skip-fsck", restore_skip_fsck,
               "with --restore-from: serve without checking every restored byte first (fsck); "
               "run hoso admin fsck soon after")
      ->needs("--restore-from");
  app.add_flag("--accept-index-rollback", options.accept_index_rollback,
               "serve an index that lost acknowledged changes (its log damaged, or older than "
               "its audit anchor) as it is; the loss is recorded in the audit log. Prefer "
               "--restore-from");
  app.add_flag("--allow-empty-index", options.allow_empty_index,
               "start on a new, empty index although --data holds pack files without one (the "
               "packs' bytes stay, nothing names them). Prefer --restore-from");
  app.add_flag("--insecure-listen", options.insecure_listen,
               "allow plain text on a non-loopback address (tokens cross the network in clear)");
  CLI11_PARSE(app, argc, argv);
  // On packs, --s3-credentials alone names the keys for hoso admin
  // migrate-content s3://... (the client never sends any).
  if (content.content == "packs" && !content.credentials_file.empty()) {
    auto keys = hoso::storage::LoadS3Credentials(content.credentials_file);
    if (!keys.ok()) {
      hoso::LogError("hosod cannot start: " + std::string(keys.status().message()));
      return 1;
    }
    options.s3_credentials = std::move(*keys);
    content.credentials_file.clear();
  }
  auto s3 = hoso::ResolveContent(content, options.data_dir);
  if (!s3.ok()) {
    hoso::LogError("hosod cannot start: " + std::string(s3.status().message()));
    return 1;
  }
  options.s3 = std::move(*s3);
  options.uploads.expiry_seconds = *ParseDuration(upload_expiry);
  options.login.session_seconds = std::max<int64_t>(1, std::llround(session_hours * 3600));
  throttle.window_seconds = *ParseDuration(login_window);
  throttle.pause_seconds = *ParseDuration(login_pause);
  // Few malloc arenas: many gRPC threads each caching freed 1 MiB buffers
  // would otherwise inflate resident memory.
  mallopt(M_ARENA_MAX, 2);
  // Keep 1 MiB message buffers on the heap and freed memory mapped: by
  // default each large upload maps, faults in and unmaps fresh pages
  // (~70,000 page faults and a tenth of the server's CPU per GiB received).
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);

  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (!restore_from.empty()) {
    auto restored = hoso::storage::Restore(restore_from, options.data_dir, options.s3);
    if (!restored.ok()) {
      hoso::LogError("hosod cannot restore: " + std::string(restored.status().message()));
      return 1;
    }
    hoso::LogInfo("restored the newest complete backup of " + restore_from + " into " +
                  options.data_dir);
    if (restored->objects_checked > 0) {
      hoso::LogInfo("all " + std::to_string(restored->objects_checked) +
                    " objects the backup needs are in the bucket; " +
                    std::to_string(restored->objects_brought_back) +
                    " of them, deleted since the backup, were brought back from their last "
                    "version");
    }
    if (restore_skip_fsck) {
      hoso::LogWarning(
          "NOT CHECKED: serving the restored data without fsck (--restore-skip-fsck); run hoso "
          "admin fsck before trusting it");
    } else {
      options.fsck_before_serving = true;
    }
  }
  if (options.accept_index_rollback) {
    hoso::LogWarning(
        "--accept-index-rollback: if the index lost acknowledged changes, hosod serves it as it "
        "is and records the loss in the audit log (an index.rollback entry in hoso audit ls)");
  }
  if (options.allow_empty_index) {
    hoso::LogWarning(
        "--allow-empty-index: if the index is missing beside pack files, hosod starts on an "
        "empty one; the packs' bytes stay, nothing names them");
  }
  auto server = hoso::HosodServer::Start(options);
  if (!server.ok()) {
    hoso::LogError("hosod cannot start: " + std::string(server.status().message()));
    return 1;
  }
  // Scripts and tests read the bound address from here (useful with port 0).
  // Written aside and renamed, so a reader never sees it half-written.
  {
    const std::string path = options.data_dir + "/hosod.addr";
    {
      std::ofstream addr(path + ".tmp", std::ios::trunc);
      addr << (*server)->address() << "\n";
    }
    std::rename((path + ".tmp").c_str(), path.c_str());
  }
  std::printf("hosod ready on %s (admin token in %s)\n", (*server)->address().c_str(),
              (*server)->admin_token_path().c_str());
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  hoso::LogInfo(std::string("stopping on ") + (received == SIGINT ? "SIGINT" : "SIGTERM"));
  (*server)->Shutdown();
  server->reset();
  hoso::LogInfo("stopped");
  return 0;
}
