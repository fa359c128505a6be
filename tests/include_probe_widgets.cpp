// Compiled (never linked) by the widgets_cannot_include_app ctest with quantlens_widgets' include
// roots: core/ and widgets/. The first two includes must resolve, so the only acceptable failure
// is the app/ one; if it ever compiles, widgets/ could depend on the application layer again.
#include "core/text_format.h"
#include "widgets/job_slot.h"
#include "app/page.h"
