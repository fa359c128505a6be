// Compiled (never linked) by the cli_cannot_include_widgets ctest with the include roots that
// quantlens-cli and quantlens-bench get: core/ and app/. The first two includes must resolve,
// so the only acceptable failure is the widgets/ one; if that include ever compiles, the
// target-scoped include roots are gone and the CLI could silently depend on widgets/ again.
#include "core/text_format.h"
#include "app/cli_command.h"
#include "widgets/job_slot.h"
