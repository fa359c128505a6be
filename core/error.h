#pragma once
// Errors crossing the core API. Every message is one line a user can act on: it names the
// file (when known) and what is wrong (an op and node, a JSON path, an image and a reason).

#include <stdexcept>
#include <string>

namespace ql {

class Error : public std::runtime_error
{
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// Raised when a caller's cancel token is set; executors leave no partial results behind.
class Cancelled : public std::runtime_error
{
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace ql
