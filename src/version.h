#pragma once
#define KBGEN_VERSION "0.1.0"
