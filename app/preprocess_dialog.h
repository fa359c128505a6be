#pragma once
// Edit ▸ Input && Preprocessing…: how image files become the model's input tensor — size,
// resize mode, scale, mean / std per channel, RGB / BGR order — and the class map that turns
// folder names into output indices. All of it is the config's "preprocessing" object
// (ql::Preprocess, docs/config-schema.md). The fields are checked as they are typed
// (core/preprocess_check.h, against the model's input too) and OK stays disabled while one
// is wrong, with the JSON path of the problem shown; OK applies the result to the session as
// one undoable config edit, which reloads and recalibrates both image folders.

#include <QDialog>

#include <optional>

#include "core/dataset.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ql {

class QuantSession;

class PreprocessDialog : public QDialog
{
    Q_OBJECT

public:
    // Starts from the session's current config; accept() pushes the edit to `session`.
    explicit PreprocessDialog(QuantSession* session, QWidget* parent = nullptr);

    // The settings as typed; nullopt while a field does not parse or a limit is broken
    // (problem() says which).
    std::optional<Preprocess> preprocess() const;
    QString problem() const;
    void setPreprocess(const Preprocess& pp); // fills the fields

public slots:
    void accept() override;

private:
    void validate();
    void resetToModel();
    void browseClassMap();
    void updateEnabled();

    QuantSession* m_session;
    Preprocess m_base; // fields the dialog does not show (flatten_to_rank2) come from here
    QComboBox* m_channels;
    QComboBox* m_order;
    QSpinBox* m_height;
    QSpinBox* m_width;
    QComboBox* m_resize;
    QSpinBox* m_resizeShorter;
    QLineEdit* m_scale;
    QLineEdit* m_mean;
    QLineEdit* m_std;
    QLineEdit* m_classMap;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    QString m_problemText;
};

} // namespace ql
