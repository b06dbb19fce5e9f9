// Compiled into every executable of a sanitizer build (cohesio_executable() in the top-level
// CMakeLists.txt): AddressSanitizer reads its default options from this hook.
//
// Xapian 1.4.22's Database::check() deletes a table checker through a pointer to its base
// class with a different size (a sized-delete mismatch inside libxapian, harmless with
// glibc's allocator). ASan would abort every debug build that checks an index, so that one
// kind of report is off; every other check stays on.
extern "C" const char* __asan_default_options();

extern "C" const char* __asan_default_options() { return "new_delete_type_mismatch=0"; }
