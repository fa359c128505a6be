#include "app/preprocess_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <charconv>
#include <cmath>

#include "core/class_map.h"
#include "core/preprocess_check.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

namespace {

// Shortest text that reads back as the same float: 1/255 shows as 0.003921569, and typing
// that back gives exactly the float the config holds.
QString floatText(float v)
{
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? QString::fromLatin1(buf, int(end - buf)) : QString::number(v);
}

QString listText(const std::vector<float>& values)
{
    QStringList parts;
    for (float v : values)
        parts << floatText(v);
    return parts.join(QStringLiteral(", "));
}

// A number, or a fraction "a/b" (scale 1/255). C locale: the list separator is the comma.
std::optional<float> parseNumber(const QString& text)
{
    const QString t = text.trimmed();
    const qsizetype slash = t.indexOf(QLatin1Char('/'));
    bool ok = false;
    double v = 0.0;
    if (slash < 0) {
        v = t.toDouble(&ok);
    } else {
        bool okDen = false;
        const double num = t.left(slash).trimmed().toDouble(&ok);
        const double den = t.mid(slash + 1).trimmed().toDouble(&okDen);
        ok = ok && okDen && den != 0.0;
        v = num / den;
    }
    if (!ok || !(std::abs(v) <= 3.4028234663852886e38))
        return std::nullopt;
    return static_cast<float>(v);
}

std::optional<std::vector<float>> parseList(const QString& text)
{
    std::vector<float> values;
    const QStringList parts =
        text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const std::optional<float> v = parseNumber(part);
        if (!v)
            return std::nullopt;
        values.push_back(*v);
    }
    if (values.empty())
        return std::nullopt;
    return values;
}

} // namespace

PreprocessDialog::PreprocessDialog(QuantSession* session, QWidget* parent)
    : QDialog(parent), m_session(session), m_base(session->config().preprocess)
{
    setWindowTitle(tr("Input & Preprocessing"));
    m_channels = new QComboBox(this);
    m_channels->setObjectName(QStringLiteral("channels"));
    m_channels->addItem(tr("1 (grayscale)"), 1);
    m_channels->addItem(tr("3 (colour)"), 3);
    m_order = new QComboBox(this);
    m_order->setObjectName(QStringLiteral("channelOrder"));
    m_order->addItem(tr("RGB (torchvision, PIL)"), int(Preprocess::ChannelOrder::Rgb));
    m_order->addItem(tr("BGR (OpenCV, Caffe)"), int(Preprocess::ChannelOrder::Bgr));
    auto side = [this](const char* name) {
        auto* box = new QSpinBox(this);
        box->setObjectName(QLatin1String(name));
        box->setRange(1, kMaxPreprocessSide);
        return box;
    };
    m_height = side("height");
    m_width = side("width");
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_height);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_width);
    sizeRow->addStretch();
    m_resize = new QComboBox(this);
    m_resize->setObjectName(QStringLiteral("resize"));
    m_resize->addItem(tr("Stretch to the size"), int(Preprocess::Resize::Stretch));
    m_resize->addItem(tr("Shorter side, then centre crop"),
                      int(Preprocess::Resize::ShorterSideThenCenterCrop));
    m_resizeShorter = new QSpinBox(this);
    m_resizeShorter->setObjectName(QStringLiteral("resizeShorter"));
    m_resizeShorter->setRange(0, kMaxCropSide);
    m_resizeShorter->setSpecialValueText(tr("auto (256/224 × crop)"));
    m_scale = new QLineEdit(this);
    m_scale->setObjectName(QStringLiteral("scale"));
    m_scale->setToolTip(tr("Pixel values 0..255 are multiplied by this (a fraction such as "
                           "1/255 is accepted)"));
    m_mean = new QLineEdit(this);
    m_mean->setObjectName(QStringLiteral("mean"));
    m_std = new QLineEdit(this);
    m_std->setObjectName(QStringLiteral("std"));
    for (QLineEdit* e : {m_mean, m_std})
        e->setToolTip(tr("One value for every channel, or one per channel in the input's "
                         "channel order, separated by commas"));
    m_classMap = new QLineEdit(this);
    m_classMap->setObjectName(QStringLiteral("classMap"));
    m_classMap->setPlaceholderText(tr("none: sub-folders are classes 0, 1, … in sorted order"));
    m_classMap->setMinimumWidth(360);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* mapRow = new QHBoxLayout;
    mapRow->addWidget(m_classMap);
    mapRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Channels:"), m_channels);
    form->addRow(tr("Channel order:"), m_order);
    form->addRow(tr("Size (height × width):"), sizeRow);
    form->addRow(tr("Resize:"), m_resize);
    form->addRow(tr("Shorter side before crop:"), m_resizeShorter);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(tr("Mean:"), m_mean);
    form->addRow(tr("Std:"), m_std);
    form->addRow(tr("Class map:"), mapRow);
    auto* formula = new QLabel(tr("Each pixel value p becomes (p · scale − mean[c]) / std[c] "
                                  "for channel c. A class map lists '<folder> <index>' or "
                                  "ImageNet's '<synset> <description>' lines in output order."),
                               this);
    formula->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton* reset =
        m_buttons->addButton(tr("Model Defaults"), QDialogButtonBox::ResetRole);
    reset->setToolTip(tr("What QuantLens infers from the model's input shape"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(formula);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    setPreprocess(m_base);
    for (QComboBox* box : {m_channels, m_order, m_resize})
        connect(box, &QComboBox::currentIndexChanged, this, &PreprocessDialog::validate);
    for (QSpinBox* box : {m_height, m_width, m_resizeShorter})
        connect(box, &QSpinBox::valueChanged, this, &PreprocessDialog::validate);
    for (QLineEdit* e : {m_scale, m_mean, m_std, m_classMap})
        connect(e, &QLineEdit::textChanged, this, &PreprocessDialog::validate);
    connect(browse, &QPushButton::clicked, this, &PreprocessDialog::browseClassMap);
    connect(reset, &QPushButton::clicked, this, &PreprocessDialog::resetToModel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PreprocessDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void PreprocessDialog::setPreprocess(const Preprocess& pp)
{
    m_base = pp;
    m_channels->setCurrentIndex(m_channels->findData(pp.channels));
    m_order->setCurrentIndex(m_order->findData(int(pp.channelOrder)));
    m_height->setValue(pp.height);
    m_width->setValue(pp.width);
    m_resize->setCurrentIndex(m_resize->findData(int(pp.resize)));
    m_resizeShorter->setValue(pp.resizeShorter);
    m_scale->setText(floatText(pp.scale));
    m_mean->setText(listText(pp.mean));
    m_std->setText(listText(pp.std));
    m_classMap->setText(QString::fromStdString(pp.classMap));
    validate();
}

std::optional<Preprocess> PreprocessDialog::preprocess() const
{
    if (!m_problemText.isEmpty())
        return std::nullopt;
    Preprocess pp = m_base;
    pp.channels = m_channels->currentData().toInt();
    // A grayscale input has no channel order (the combo box is disabled then).
    pp.channelOrder = pp.channels == 3 ? Preprocess::ChannelOrder(m_order->currentData().toInt())
                                       : Preprocess::ChannelOrder::Rgb;
    pp.height = m_height->value();
    pp.width = m_width->value();
    pp.resize = Preprocess::Resize(m_resize->currentData().toInt());
    pp.resizeShorter = m_resizeShorter->value();
    pp.scale = parseNumber(m_scale->text()).value_or(0.0f);
    pp.mean = parseList(m_mean->text()).value_or(std::vector<float>{});
    pp.std = parseList(m_std->text()).value_or(std::vector<float>{});
    pp.classMap = m_classMap->text().trimmed().toStdString();
    return pp;
}

QString PreprocessDialog::problem() const
{
    return m_problemText;
}

void PreprocessDialog::validate()
{
    m_problemText.clear();
    const QString where = QStringLiteral("preprocessing.");
    if (!parseNumber(m_scale->text()))
        m_problemText = where + tr("scale: '%1' is not a number").arg(m_scale->text());
    else if (!parseList(m_mean->text()))
        m_problemText = where + tr("mean: '%1' is not a list of numbers").arg(m_mean->text());
    else if (!parseList(m_std->text()))
        m_problemText = where + tr("std: '%1' is not a list of numbers").arg(m_std->text());
    if (m_problemText.isEmpty()) {
        const Preprocess pp = *preprocess();
        std::optional<PreprocessProblem> problem = checkPreprocess(pp);
        const std::shared_ptr<const Model> model = m_session->session()->model();
        if (!problem && model)
            problem = checkPreprocessForModel(pp, *model);
        if (problem) {
            // The JSON path, as the config loader reports it.
            QString path = QStringLiteral("preprocessing");
            if (!problem->key.empty())
                path += QLatin1Char('.') + QString::fromStdString(problem->key);
            m_problemText = path + QStringLiteral(": ") + QString::fromStdString(problem->what);
        } else if (!pp.classMap.empty()) {
            try {
                loadClassMap(pp.classMap); // the file parses; folders are checked on loading
            } catch (const std::exception& e) {
                m_problemText = where + QStringLiteral("class_map: ") + QString::fromUtf8(e.what());
            }
        }
    }
    m_problem->setText(m_problemText);
    m_problem->setVisible(!m_problemText.isEmpty());
    updateEnabled();
}

void PreprocessDialog::updateEnabled()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problemText.isEmpty());
    const bool colour = m_channels->currentData().toInt() == 3;
    m_order->setEnabled(colour);
    m_resizeShorter->setEnabled(m_resize->currentData().toInt() ==
                                int(Preprocess::Resize::ShorterSideThenCenterCrop));
}

void PreprocessDialog::resetToModel()
{
    if (const std::shared_ptr<const Model> model = m_session->session()->model())
        setPreprocess(defaultPreprocess(*model));
}

void PreprocessDialog::browseClassMap()
{
    const QString start = m_classMap->text().isEmpty()
                              ? m_session->session()->dataDir()
                              : QFileInfo(m_classMap->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Class Map"), start, tr("Labels files (*.txt *.csv *.map);;All files (*)"));
    if (!path.isEmpty())
        m_classMap->setText(path);
}

void PreprocessDialog::accept()
{
    validate();
    const std::optional<Preprocess> pp = preprocess();
    if (!pp)
        return;
    if (!(*pp == m_session->config().preprocess)) {
        QuantConfig next = m_session->config();
        next.preprocess = *pp;
        m_session->setConfig(next, tr("Input & preprocessing"));
    }
    QDialog::accept();
}

} // namespace ql
