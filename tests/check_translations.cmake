# ctest translations_complete: every user-visible string of app/ and widgets/ has a translation in
# each translations/*.ts. Runs lupdate over the same sources as app/CMakeLists.txt's
# update_translations target, on a copy of the .ts (the source tree is not touched), and fails
# naming the strings lupdate had to add as unfinished.
#   cmake -DLUPDATE=<lupdate> -DSOURCE_DIR=<repo> -DWORK_DIR=<scratch> -P check_translations.cmake
file(GLOB sources ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
    ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/widgets/*.h)
file(GLOB ts_files ${SOURCE_DIR}/translations/*.ts)
file(MAKE_DIRECTORY ${WORK_DIR})
set(missing 0)
foreach(ts ${ts_files})
    get_filename_component(name ${ts} NAME)
    # Always a fresh copy: file(COPY) skips a destination with the source's timestamp, and a
    # stale copy lupdate had already changed would fail the check on a translated file.
    file(COPY_FILE ${ts} ${WORK_DIR}/${name})
    execute_process(COMMAND ${LUPDATE} -silent -I ${SOURCE_DIR} ${sources} -ts ${WORK_DIR}/${name}
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "lupdate failed on ${name} (exit ${rc})")
    endif()
    file(READ ${WORK_DIR}/${name} text)
    # Entities end in ';', CMake's list separator: decode the two that occur in UI strings.
    string(REPLACE "&apos;" "'" text "${text}")
    string(REPLACE "&quot;" "\"" text "${text}")
    string(REPLACE ";" "," text "${text}")
    string(REGEX MATCHALL "<source>[^<]*</source>[ \n]*<translation type=\"unfinished\"" hits "${text}")
    foreach(hit ${hits})
        string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" source "${hit}")
        message("${name}: not translated: ${source}")
        math(EXPR missing "${missing} + 1")
    endforeach()
endforeach()
if(missing GREATER 0)
    message(FATAL_ERROR "${missing} string(s) without a translation: run "
        "`cmake --build build --target update_translations` and translate them")
endif()
message("every string of app/ and widgets/ is translated in: ${ts_files}")
