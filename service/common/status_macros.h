// RETURN_IF_ERROR and ASSIGN_OR_RETURN for absl::Status and absl::StatusOr;
// Abseil 20220623 has neither.
#ifndef TEXTLENS_SERVICE_COMMON_STATUS_MACROS_H_
#define TEXTLENS_SERVICE_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns the status of `expr` from the enclosing function unless it is OK.
#define RETURN_IF_ERROR(expr)                            \
  do {                                                   \
    const ::absl::Status textlens_status_ = (expr);      \
    if (!textlens_status_.ok()) return textlens_status_; \
  } while (0)

#define TEXTLENS_STATUS_CONCAT_INNER_(a, b) a##b
#define TEXTLENS_STATUS_CONCAT_(a, b) TEXTLENS_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status if not OK,
// otherwise moves its value into `lhs` (a declaration or an lvalue).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  TEXTLENS_ASSIGN_OR_RETURN_IMPL_(   \
      TEXTLENS_STATUS_CONCAT_(textlens_statusor_, __LINE__), lhs, rexpr)

#define TEXTLENS_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                    \
  if (!statusor.ok()) return statusor.status();               \
  lhs = std::move(statusor).value()

#endif  // TEXTLENS_SERVICE_COMMON_STATUS_MACROS_H_
