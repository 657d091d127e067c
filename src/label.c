#include "label.h"

const char *const label_names[LABEL_COUNT] = { "business", "social", "mixed", "neutral" };
