// libFuzzer target: see fuzz_entries.h and scripts/fuzz.sh.
#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    ql::fuzz::configParser(data, size);
    return 0;
}
