// What a server process uses, read from /proc: its CPU time and resident
// memory, and the check that it is idle and within its memory budget after
// a call (issue 20: nothing of a call may run on after it).
#ifndef TEXTLENS_TESTS_INTEGRATION_PROCESS_USAGE_H_
#define TEXTLENS_TESTS_INTEGRATION_PROCESS_USAGE_H_

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace textlens::tests {

// Whether this program (and so the server beside it, from the same preset)
// is built with AddressSanitizer.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// CPU time the process `pid` used so far (user and system), in clock ticks.
inline long CpuTicks(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)),
                   std::istreambuf_iterator<char>());
  // Fields after the command name (in parentheses): state is field 3,
  // utime 14 and stime 15.
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return utime + stime;
}

// Resident memory of `pid`, in bytes (VmRSS).
inline long ResidentBytes(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::stol(line.substr(6)) * 1024;
    }
  }
  return -1;
}

// The server is idle within a second of a call's end (less than 10% of a
// core over a 500 ms window starting then; nothing of the call still runs)
// and its resident memory is back within the 150 MB budget.
inline void ExpectIdleAndWithinBudget(int pid) {
  constexpr long kBudgetBytes = 150L << 20;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const long ticks_per_second = ::sysconf(_SC_CLK_TCK);
  const long before = CpuTicks(pid);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const long used = CpuTicks(pid) - before;
  EXPECT_LT(used * 10, ticks_per_second / 2 + 1)
      << used << " ticks of CPU in 500 ms after the call";
  // The budget is the normal build's: under AddressSanitizer (this test and
  // the server are built alike) shadow memory and the quarantine of freed
  // blocks hold hundreds of MB by design, so only the CPU check applies.
  if (kSanitizedBuild) return;
  // Memory freed by the call goes back to the system within about a second
  // (textlensd's main): wait up to three.
  for (int i = 0; i < 30 && ResidentBytes(pid) >= kBudgetBytes; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_LT(ResidentBytes(pid), kBudgetBytes);
}

}  // namespace textlens::tests

#endif  // TEXTLENS_TESTS_INTEGRATION_PROCESS_USAGE_H_
