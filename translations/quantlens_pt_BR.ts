<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/quant_page.cpp" line="55"/>
        <location filename="../app/quant_page.cpp" line="64"/>
        <source>keep</source>
        <translation>manter</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="26"/>
        <source>%1 M MACs</source>
        <translation>%1 M MACs</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="89"/>
        <source>W symmetric · A affine</source>
        <translation>P simétrico · A afim</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="90"/>
        <source>Symmetric weights (zero point 0), affine activations: PyTorch FBGEMM&apos;s default</source>
        <translation>Pesos simétricos (ponto zero 0), ativações afins: o padrão do FBGEMM do PyTorch</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="92"/>
        <source>W symmetric · A symmetric</source>
        <translation>P simétrico · A simétrico</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="93"/>
        <source>Both symmetric: simplest integer kernels; wastes half the codes after a ReLU</source>
        <translation>Ambos simétricos: kernels inteiros mais simples; desperdiça metade dos códigos após uma ReLU</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="95"/>
        <source>W affine · A affine</source>
        <translation>P afim · A afim</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="96"/>
        <source>Both affine: the range fits each tensor exactly; costs zero-point terms</source>
        <translation>Ambos afins: o intervalo se ajusta exatamente a cada tensor; custa termos de ponto zero</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="97"/>
        <source>W affine · A symmetric</source>
        <translation>P afim · A simétrico</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="98"/>
        <source>Affine weights, symmetric activations: rarely useful</source>
        <translation>Pesos afins, ativações simétricas: raramente útil</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="102"/>
        <source>One scale per output channel: small channels keep their precision</source>
        <translation>Uma escala por canal de saída: canais pequenos mantêm a sua precisão</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="104"/>
        <source>One scale for the whole weight tensor: the largest channel sets the step</source>
        <translation>Uma escala para todo o tensor de pesos: o maior canal define o passo</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="108"/>
        <source>nearest, ties to even (torch.round, ONNX): unbiased</source>
        <translation>mais próximo, empates para o par (torch.round, ONNX): sem viés</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="110"/>
        <source>nearest, ties away from zero (std::round, gemmlowp): almost unbiased</source>
        <translation>mais próximo, empates para longe do zero (std::round, gemmlowp): quase sem viés</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="112"/>
        <source>truncation: biased by about −½ LSB per requantization; errors accumulate with depth</source>
        <translation>truncamento: viés de cerca de −½ LSB por requantização; os erros se acumulam com a profundidade</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="116"/>
        <source>toward −∞: every value biased down by about ½ LSB; drifts with depth</source>
        <translation>em direção a −∞: cada valor puxado para baixo em cerca de ½ LSB; deriva com a profundidade</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="118"/>
        <source>up with probability equal to the fraction: unbiased on average, noisier (seeded)</source>
        <translation>para cima com probabilidade igual à fração: sem viés em média, mais ruidoso (com semente)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="123"/>
        <source>exact min/max of the calibration data: no clipping, outliers widen the step</source>
        <translation>mín/máx exatos dos dados de calibração: sem saturação, valores atípicos alargam o passo</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="126"/>
        <source>min/max averaged over batches (PyTorch, c = 0.01): tames outlier batches</source>
        <translation>mín/máx com média entre lotes (PyTorch, c = 0,01): amansa lotes atípicos</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="128"/>
        <source>clip at the 99.99th percentile: finer step, the rare tail saturates</source>
        <translation>saturar no percentil 99,99: passo mais fino, a cauda rara satura</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="130"/>
        <source>the clipping range with the least expected quantization MSE</source>
        <translation>o intervalo de saturação com o menor MSE de quantização esperado</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="132"/>
        <source>TensorRT&apos;s KL-divergence search for the clipping threshold</source>
        <translation>a busca por divergência KL do TensorRT para o limiar de saturação</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="134"/>
        <source>no calibration: (S, Z) from each batch&apos;s own min/max at run time</source>
        <translation>sem calibração: (S, Z) a partir do mín/máx de cada lote em tempo de execução</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session.cpp" line="178"/>
        <source>the evaluation images</source>
        <translation>as imagens de avaliação</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session.cpp" line="184"/>
        <source>Calibrating on %1</source>
        <translation>Calibrando em %1</translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation type="vanished">A calibração falhou</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session.cpp" line="296"/>
        <source>Evaluating the quantized model on %1</source>
        <translation>Avaliando o modelo quantizado em %1</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation type="vanished">A avaliação falhou</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="38"/>
        <source>Cannot quantize this model</source>
        <translation>Não é possível quantizar este modelo</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="52"/>
        <source>(evaluation folder)</source>
        <translation>(pasta de avaliação)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="27"/>
        <source>ONNX QDQ model (runs in ONNX Runtime)</source>
        <translation>Modelo ONNX QDQ (roda no ONNX Runtime)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="28"/>
        <source>ONNX Runtime TensorQuantOverrides (JSON)</source>
        <translation>TensorQuantOverrides do ONNX Runtime (JSON)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="29"/>
        <source>AIMET encodings (JSON)</source>
        <translation>Encodings do AIMET (JSON)</translation>
    </message>
</context>
<context>
    <name>QObject::QObject</name>
    <message>
        <location filename="../widgets/quant_options.cpp" line="63"/>
        <source>W bits %1</source>
        <translation>bits P %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="65"/>
        <source>A bits %1</source>
        <translation>bits A %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="67"/>
        <source>scheme %1</source>
        <translation>esquema %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="73"/>
        <source>rounding %1</source>
        <translation>arredondamento %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="76"/>
        <source>observer %1</source>
        <translation>observador %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="79"/>
        <source>keep float</source>
        <translation>manter float</translation>
    </message>
    <message>
        <location filename="../widgets/quant_options.cpp" line="80"/>
        <source>quantize</source>
        <translation>quantizar</translation>
    </message>
</context>
<context>
    <name>ql::ChartView</name>
    <message>
        <location filename="../widgets/chart_view.cpp" line="154"/>
        <source>Open a calibration folder to evaluate</source>
        <translation>Abra uma pasta de calibração para avaliar</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="251"/>
        <source>%1: cannot encode the chart as PNG</source>
        <translation>%1: não foi possível codificar o gráfico como PNG</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="267"/>
        <source>QuantLens chart</source>
        <translation>Gráfico do QuantLens</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="271"/>
        <source>%1: cannot render the chart as SVG</source>
        <translation>%1: não foi possível renderizar o gráfico como SVG</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="304"/>
        <location filename="../widgets/chart_view.cpp" line="308"/>
        <source>Export PNG</source>
        <translation>Exportar PNG</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="305"/>
        <source>PNG images (*.png)</source>
        <translation>Imagens PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="vanished">Não foi possível gravar %1.</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="313"/>
        <location filename="../widgets/chart_view.cpp" line="317"/>
        <source>Export SVG</source>
        <translation>Exportar SVG</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="314"/>
        <source>SVG images (*.svg)</source>
        <translation>Imagens SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="400"/>
        <source>Reset Zoom</source>
        <translation>Restaurar zoom</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="403"/>
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="404"/>
        <source>Export SVG…</source>
        <translation>Exportar SVG…</translation>
    </message>
    <message>
        <location filename="../widgets/chart_view.cpp" line="405"/>
        <source>Copy Image</source>
        <translation>Copiar imagem</translation>
    </message>
</context>
<context>
    <name>ql::ChartsPage</name>
    <message>
        <location filename="../app/charts_page.cpp" line="22"/>
        <source>Open a model to quantize</source>
        <translation>Abra um modelo para quantizar</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="24"/>
        <source>Open a calibration folder to evaluate</source>
        <translation>Abra uma pasta de calibração para avaliar</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="27"/>
        <source>The evaluation failed — see the status bar</source>
        <translation>A avaliação falhou — veja a barra de status</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="29"/>
        <source>Evaluation cancelled: edit the configuration to evaluate again</source>
        <translation>Avaliação cancelada: edite a configuração para avaliar de novo</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="31"/>
        <source>Evaluating…</source>
        <translation>Avaliando…</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="48"/>
        <source>Drag to zoom · wheel zooms · double-click resets · right-click to export</source>
        <translation>Arraste para ampliar · a roda dá zoom · duplo clique restaura · botão direito exporta</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="54"/>
        <source>Layer:</source>
        <translation>Camada:</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="154"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="155"/>
        <source>integer</source>
        <translation>inteiro</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="155"/>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="156"/>
        <source>SQNR %1 dB (local %2 dB)</source>
        <translation>SQNR %1 dB (local %2 dB)</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="157"/>
        <source>max |e| %1</source>
        <translation>máx |e| %1</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="158"/>
        <source>cosine %1</source>
        <translation>cosseno %1</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="159"/>
        <source>clipped %1 %</source>
        <translation>saturado %1 %</translation>
    </message>
    <message>
        <location filename="../app/charts_page.cpp" line="161"/>
        <source>%1 int32 overflows</source>
        <translation>%1 estouros de int32</translation>
    </message>
    <message>
        <location filename="../app/charts_page.h" line="30"/>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
</context>
<context>
    <name>ql::DriftChart</name>
    <message>
        <source>layer (plan order = depth)</source>
        <translation type="vanished">camada (ordem do plano = profundidade)</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="104"/>
        <source>layer (trunk by depth, then each exit head)</source>
        <translation>camada (tronco por profundidade, depois cada cabeça de saída)</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="105"/>
        <source>mean error (real units)</source>
        <translation>erro médio (unidades reais)</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="106"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="109"/>
        <source>Drift: propagated error by depth</source>
        <translation>Deriva: erro propagado por profundidade</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="260"/>
        <source>trunk</source>
        <translation>tronco</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="265"/>
        <source>exit head %1</source>
        <translation>cabeça de saída %1</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="269"/>
        <source>exit%1 head</source>
        <translation>cabeça exit%1</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="381"/>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="381"/>
        <location filename="../widgets/drift_chart.cpp" line="383"/>
        <source>current</source>
        <translation>atual</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="384"/>
        <location filename="../widgets/drift_chart.cpp" line="388"/>
        <source>%1 · mean error</source>
        <translation>%1 · erro médio</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="385"/>
        <location filename="../widgets/drift_chart.cpp" line="389"/>
        <source>%1 · SQNR</source>
        <translation>%1 · SQNR</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="386"/>
        <source>A: %1 (baseline)</source>
        <translation>A: %1 (referência)</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="386"/>
        <source>pinned</source>
        <translation>fixada</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="456"/>
        <source>%1 (%2, depth %3)</source>
        <translation>%1 (%2, profundidade %3)</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="459"/>
        <source>mean error %1, SQNR %2 dB</source>
        <translation>erro médio %1, SQNR %2 dB</translation>
    </message>
    <message>
        <location filename="../widgets/drift_chart.cpp" line="465"/>
        <source>baseline: mean error %1, SQNR %2 dB</source>
        <translation>referência: erro médio %1, SQNR %2 dB</translation>
    </message>
</context>
<context>
    <name>ql::ErrorHistogramChart</name>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="169"/>
        <location filename="../widgets/error_histogram_chart.cpp" line="259"/>
        <source>error e = r′ − r (real units)</source>
        <translation>erro e = r′ − r (unidades reais)</translation>
    </message>
    <message>
        <source>share of values (%)</source>
        <translation type="vanished">fração dos valores (%)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="170"/>
        <source>density (share of values per unit of e)</source>
        <translation>densidade (fração dos valores por unidade de e)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="215"/>
        <source>Select a layer to see its error histogram</source>
        <translation>Selecione uma camada para ver o seu histograma de erro</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="221"/>
        <source>No error samples for %1</source>
        <translation>Sem amostras de erro para %1</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="251"/>
        <source>local (FP32 input)</source>
        <translation>local (entrada FP32)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="252"/>
        <location filename="../widgets/error_histogram_chart.cpp" line="273"/>
        <source>propagated</source>
        <translation>propagado</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="253"/>
        <source>local mean %1</source>
        <translation>média local %1</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="255"/>
        <source>propagated mean %1</source>
        <translation>média propagada %1</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="260"/>
        <source>error e = r′ − r (real units; 1 LSB = S = %1)</source>
        <translation>erro e = r′ − r (unidades reais; 1 LSB = S = %1)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="262"/>
        <source>%1 — quantization error</source>
        <translation>%1 — erro de quantização</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="270"/>
        <source>e ≈ %1</source>
        <translation>e ≈ %1</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="272"/>
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="277"/>
        <source>%1: density %2 (%3 % of values in this bin of width %4)</source>
        <translation>%1: densidade %2 (%3 % dos valores neste intervalo de largura %4)</translation>
    </message>
    <message>
        <source>local: %1 % of values</source>
        <translation type="vanished">local: %1 % dos valores</translation>
    </message>
    <message>
        <source>propagated: %1 % of values</source>
        <translation type="vanished">propagado: %1 % dos valores</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="282"/>
        <source>click: explain this layer in the Inspector</source>
        <translation>clique: explicar esta camada no Inspetor</translation>
    </message>
</context>
<context>
    <name>ql::ExitAccuracyChart</name>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="83"/>
        <source>exit (MACs per sample to reach it)</source>
        <translation>saída (MACs por amostra para alcançá-la)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="84"/>
        <location filename="../widgets/exit_charts.cpp" line="174"/>
        <source>top-1 accuracy (%)</source>
        <translation>acurácia top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="94"/>
        <source>%1 (%2)
%3: %4 %
quantized agrees with FP32 on %5 %</source>
        <translation>%1 (%2)
%3: %4 %
o quantizado concorda com o FP32 em %5 %</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="133"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="134"/>
        <source>B: current</source>
        <translation>B: atual</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="134"/>
        <source>quantized</source>
        <translation>quantizado</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="135"/>
        <source>A: %1 (baseline)</source>
        <translation>A: %1 (referência)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="144"/>
        <source>%1&lt;br&gt;%2</source>
        <translation>%1&lt;br&gt;%2</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="174"/>
        <source>top-1 agreement with FP32 (%)</source>
        <translation>concordância top-1 com o FP32 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="175"/>
        <source>Accuracy per exit</source>
        <translation>Acurácia por saída</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="176"/>
        <source>Agreement with FP32 per exit (unlabelled data)</source>
        <translation>Concordância com o FP32 por saída (dados sem rótulo)</translation>
    </message>
</context>
<context>
    <name>ql::ExitPolicyChart</name>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="205"/>
        <location filename="../widgets/exit_charts.cpp" line="330"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="215"/>
        <source>current threshold</source>
        <translation>limiar atual</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="218"/>
        <source>average MACs per sample (M)</source>
        <translation>MACs médios por amostra (M)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="219"/>
        <source>accuracy (%)</source>
        <translation>acurácia (%)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="222"/>
        <source>Exit policy: accuracy against cost</source>
        <translation>Política de saída: acurácia contra custo</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="279"/>
        <source>B: current</source>
        <translation>B: atual</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="279"/>
        <location filename="../widgets/exit_charts.cpp" line="330"/>
        <source>quantized</source>
        <translation>quantizado</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="280"/>
        <source>A: %1 (baseline)</source>
        <translation>A: %1 (referência)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="285"/>
        <source>top-1 accuracy (%)</source>
        <translation>acurácia top-1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="286"/>
        <source>agreement with the last FP32 exit (%)</source>
        <translation>concordância com a última saída FP32 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="328"/>
        <source>threshold %1
%2: %3 % at %4 M MACs</source>
        <translation>limiar %1
%2: %3 % com %4 M MACs</translation>
    </message>
</context>
<context>
    <name>ql::ExitPolicyWidget</name>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="352"/>
        <source>Take the first exit whose max-softmax probability reaches the threshold (else the last exit)</source>
        <translation>Usar a primeira saída cuja maior probabilidade softmax atinge o limiar (senão a última saída)</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="361"/>
        <source>Exit threshold:</source>
        <translation>Limiar de saída:</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="407"/>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="411"/>
        <source>&lt;b&gt;threshold %1&lt;/b&gt;: FP32 &lt;b&gt;%2 %&lt;/b&gt; at %3 M MACs per sample, quantized &lt;b&gt;%4 %&lt;/b&gt; (%5 pt) at %6 M MACs&lt;br&gt;quantized samples leaving at: %7</source>
        <translation>&lt;b&gt;limiar %1&lt;/b&gt;: FP32 &lt;b&gt;%2 %&lt;/b&gt; com %3 M MACs por amostra, quantizado &lt;b&gt;%4 %&lt;/b&gt; (%5 pt) com %6 M MACs&lt;br&gt;amostras quantizadas saindo em: %7</translation>
    </message>
    <message>
        <location filename="../widgets/exit_charts.cpp" line="420"/>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>ql::ExitTradeoffChart</name>
    <message>
        <location filename="../widgets/exit_tradeoff_chart.cpp" line="44"/>
        <source>%1: %2 % at %3 M MACs</source>
        <translation>%1: %2 % com %3 M MACs</translation>
    </message>
    <message>
        <location filename="../widgets/exit_tradeoff_chart.cpp" line="50"/>
        <source>MACs to reach the exit (M)</source>
        <translation>MACs para alcançar a saída (M)</translation>
    </message>
</context>
<context>
    <name>ql::ExitsPage</name>
    <message>
        <location filename="../app/exits_page.h" line="21"/>
        <source>Exits</source>
        <translation>Saídas</translation>
    </message>
</context>
<context>
    <name>ql::ExportDialog</name>
    <message>
        <location filename="../app/export_dialog.cpp" line="40"/>
        <location filename="../app/export_dialog.cpp" line="114"/>
        <source>Export Quantized Model</source>
        <translation>Exportar modelo quantizado</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="46"/>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="51"/>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="52"/>
        <source>Output file:</source>
        <translation>Arquivo de saída:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="60"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="125"/>
        <source>Choose an output file.</source>
        <translation>Escolha um arquivo de saída.</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="153"/>
        <source>Export failed</source>
        <translation>Falha na exportação</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="vanished">%1 gravado</translation>
    </message>
    <message>
        <source>
opset %1 · %2 QuantizeLinear · %3 DequantizeLinear · %4 quantized and %5 float layers · ONNX checker passed</source>
        <translation type="vanished">
opset %1 · %2 QuantizeLinear · %3 DequantizeLinear · %4 camadas quantizadas e %5 em float · verificador ONNX aprovado</translation>
    </message>
    <message>
        <source>
Note: %1</source>
        <translation type="vanished">
Observação: %1</translation>
    </message>
</context>
<context>
    <name>ql::HeatmapLegend</name>
    <message>
        <location filename="../widgets/sensitivity_heatmap.cpp" line="261"/>
        <source>Top-1 drop (pt)</source>
        <translation>Queda de top-1 (pt)</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_heatmap.cpp" line="261"/>
        <source>Exit SQNR (dB)</source>
        <translation>SQNR da saída (dB)</translation>
    </message>
</context>
<context>
    <name>ql::HelpDialog</name>
    <message>
        <location filename="../app/help_dialog.cpp" line="11"/>
        <source>QuantLens Help</source>
        <translation>Ajuda do QuantLens</translation>
    </message>
    <message>
        <location filename="../app/help_dialog.cpp" line="25"/>
        <source>&lt;h2&gt;QuantLens&lt;/h2&gt;&lt;p&gt;Open a model (&lt;i&gt;.onnx&lt;/i&gt;), a calibration folder and an evaluation folder (or drop them on the window: an &lt;i&gt;.onnx&lt;/i&gt; opens as the model, a &lt;i&gt;.json&lt;/i&gt; as a config, a folder as the evaluation images). Every edit of the config is re-evaluated with the real integer arithmetic.&lt;/p&gt;&lt;h3&gt;Pages&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Quantize&lt;/b&gt;: the per-layer config and its error; the summary (Summary button hides it).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Model&lt;/b&gt;: the ONNX graph, shapes, parameters, MACs, FP32 accuracy.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Charts&lt;/b&gt;: error histograms (density over shared bins), value histogram with the clipping range, drift by depth against a pinned baseline.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Exits&lt;/b&gt;: accuracy per exit and the early-exit trade-off.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Inspector&lt;/b&gt;: one output element computed step by step.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Mixed Precision&lt;/b&gt;: sensitivity per layer and bit width, automatic search (checked on every evaluation image), Pareto front.&lt;/li&gt;&lt;/ul&gt;&lt;h3 id=&apos;glossary&apos;&gt;Glossary&lt;/h3&gt;&lt;dl&gt;&lt;dt&gt;&lt;b&gt;S&lt;/b&gt; (scale)&lt;/dt&gt;&lt;dd&gt;Real value of one integer step: real = S·(q − Z).&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Z&lt;/b&gt; (zero point)&lt;/dt&gt;&lt;dd&gt;The integer code that stands for real 0 (0 in symmetric schemes).&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;M&lt;/b&gt; (multiplier)&lt;/dt&gt;&lt;dd&gt;M = S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt; / S&lt;sub&gt;y&lt;/sub&gt;: turns the int32 accumulator into output codes.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;M0&lt;/b&gt; and &lt;b&gt;shift&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;The fixed-point form of M for integer-only hardware: M = M0 · 2&lt;sup&gt;shift − 31&lt;/sup&gt;, M0 a 32-bit integer in [2&lt;sup&gt;30&lt;/sup&gt;, 2&lt;sup&gt;31&lt;/sup&gt;).&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;LSB&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;One step of the output code, i.e. S&lt;sub&gt;y&lt;/sub&gt; in real units: an error of 1 LSB is one code off.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;SQNR&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;Signal-to-quantization-noise ratio, 10·log&lt;sub&gt;10&lt;/sub&gt;(Σr² / Σe²) dB with e = r′ − r: higher is better; every bit adds about 6 dB.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Local&lt;/b&gt; error&lt;/dt&gt;&lt;dd&gt;The layer alone: its FP32 input, quantized, through this layer only — what this layer&apos;s own rounding and clamping cost.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Propagated&lt;/b&gt; (chain) error&lt;/dt&gt;&lt;dd&gt;The layer inside the quantized chain: its input already carries the error of every quantized layer upstream.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Per-channel&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;One S (and Z) per output channel of the weights instead of one per tensor: small-range channels keep their precision.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Clipping&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;Values outside [S·(q&lt;sub&gt;min&lt;/sub&gt; − Z), S·(q&lt;sub&gt;max&lt;/sub&gt; − Z)] saturate to the end codes.&lt;/dd&gt;&lt;/dl&gt;&lt;h3&gt;Keys&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;F1: this help · Ctrl+PgUp / Ctrl+PgDown: previous / next page&lt;/li&gt;&lt;li&gt;Ctrl+Z / Ctrl+Shift+Z: undo / redo · Ctrl+B: pin the baseline&lt;/li&gt;&lt;li&gt;F5: evaluate now · Esc: cancel background work · F2: edit a table cell&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h2&gt;QuantLens&lt;/h2&gt;&lt;p&gt;Abra um modelo (&lt;i&gt;.onnx&lt;/i&gt;), uma pasta de calibração e uma pasta de avaliação (ou solte-os na janela: um &lt;i&gt;.onnx&lt;/i&gt; abre como modelo, um &lt;i&gt;.json&lt;/i&gt; como configuração, uma pasta como imagens de avaliação). Cada edição da configuração é reavaliada com a aritmética inteira real.&lt;/p&gt;&lt;h3&gt;Páginas&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Quantizar&lt;/b&gt;: a configuração por camada e seu erro; o resumo (o botão Resumo o esconde).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Modelo&lt;/b&gt;: o grafo ONNX, formas, parâmetros, MACs, acurácia FP32.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Gráficos&lt;/b&gt;: histogramas de erro (densidade sobre intervalos comuns), histograma de valores com a faixa de corte, deriva por profundidade contra uma linha de base fixada.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Saídas&lt;/b&gt;: acurácia por saída e o compromisso das saídas antecipadas.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Inspetor&lt;/b&gt;: um elemento de saída calculado passo a passo.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Precisão mista&lt;/b&gt;: sensibilidade por camada e largura de bits, busca automática (verificada em todas as imagens de avaliação), fronteira de Pareto.&lt;/li&gt;&lt;/ul&gt;&lt;h3 id=&apos;glossary&apos;&gt;Glossário&lt;/h3&gt;&lt;dl&gt;&lt;dt&gt;&lt;b&gt;S&lt;/b&gt; (escala)&lt;/dt&gt;&lt;dd&gt;Valor real de um passo inteiro: real = S·(q − Z).&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Z&lt;/b&gt; (ponto zero)&lt;/dt&gt;&lt;dd&gt;O código inteiro que representa o real 0 (0 nos esquemas simétricos).&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;M&lt;/b&gt; (multiplicador)&lt;/dt&gt;&lt;dd&gt;M = S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt; / S&lt;sub&gt;y&lt;/sub&gt;: transforma o acumulador int32 em códigos de saída.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;M0&lt;/b&gt; e &lt;b&gt;shift&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;A forma em ponto fixo de M para hardware só inteiro: M = M0 · 2&lt;sup&gt;shift − 31&lt;/sup&gt;, M0 um inteiro de 32 bits em [2&lt;sup&gt;30&lt;/sup&gt;, 2&lt;sup&gt;31&lt;/sup&gt;).&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;LSB&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;Um passo do código de saída, isto é, S&lt;sub&gt;y&lt;/sub&gt; em unidades reais: um erro de 1 LSB é um código de diferença.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;SQNR&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;Razão sinal/ruído de quantização, 10·log&lt;sub&gt;10&lt;/sub&gt;(Σr² / Σe²) dB com e = r′ − r: maior é melhor; cada bit acrescenta cerca de 6 dB.&lt;/dd&gt;&lt;dt&gt;Erro &lt;b&gt;local&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;A camada sozinha: sua entrada FP32, quantizada, passando só por esta camada — o custo do arredondamento e do corte desta camada.&lt;/dd&gt;&lt;dt&gt;Erro &lt;b&gt;propagado&lt;/b&gt; (da cadeia)&lt;/dt&gt;&lt;dd&gt;A camada dentro da cadeia quantizada: sua entrada já carrega o erro de todas as camadas quantizadas anteriores.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Por canal&lt;/b&gt;&lt;/dt&gt;&lt;dd&gt;Um S (e Z) por canal de saída dos pesos em vez de um por tensor: canais de faixa pequena mantêm sua precisão.&lt;/dd&gt;&lt;dt&gt;&lt;b&gt;Corte&lt;/b&gt; (clipping)&lt;/dt&gt;&lt;dd&gt;Valores fora de [S·(q&lt;sub&gt;min&lt;/sub&gt; − Z), S·(q&lt;sub&gt;max&lt;/sub&gt; − Z)] saturam nos códigos extremos.&lt;/dd&gt;&lt;/dl&gt;&lt;h3&gt;Teclas&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;F1: esta ajuda · Ctrl+PgUp / Ctrl+PgDown: página anterior / seguinte&lt;/li&gt;&lt;li&gt;Ctrl+Z / Ctrl+Shift+Z: desfazer / refazer · Ctrl+B: fixar a linha de base&lt;/li&gt;&lt;li&gt;F5: avaliar agora · Esc: cancelar o trabalho em segundo plano · F2: editar uma célula da tabela&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
</context>
<context>
    <name>ql::InspectorPage</name>
    <message>
        <location filename="../app/inspector_page.cpp" line="67"/>
        <source>%1 is not an integer Conv or Gemm layer: only those can be explained term by term</source>
        <translation>%1 não é uma camada Conv ou Gemm inteira: só essas podem ser explicadas termo a termo</translation>
    </message>
    <message>
        <location filename="../app/inspector_page.h" line="20"/>
        <source>Inspector</source>
        <translation>Inspetor</translation>
    </message>
</context>
<context>
    <name>ql::InspectorWidget</name>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="73"/>
        <source>Show all K terms</source>
        <translation>Mostrar todos os K termos</translation>
    </message>
    <message>
        <source>k</source>
        <translation type="vanished">k</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="75"/>
        <source>x_q</source>
        <translation>x_q</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="75"/>
        <source>x_q − Z_x</source>
        <translation>x_q − Z_x</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="75"/>
        <source>w_q</source>
        <translation>w_q</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="75"/>
        <source>w_q − Z_w</source>
        <translation>w_q − Z_w</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="75"/>
        <source>k (c, ky, kx)</source>
        <translation>k (c, ky, kx)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="76"/>
        <source>product</source>
        <translation>produto</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="78"/>
        <source>rounding</source>
        <translation>arredondamento</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="78"/>
        <source>code y_q</source>
        <translation>código y_q</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="78"/>
        <source>dequantized y′</source>
        <translation>dequantizado y′</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="79"/>
        <source>error vs FP32 (LSB)</source>
        <translation>erro vs FP32 (LSB)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="91"/>
        <source>Open a calibration folder to evaluate</source>
        <translation>Abra uma pasta de calibração para avaliar</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="127"/>
        <source>Layer:</source>
        <translation>Camada:</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="130"/>
        <source>Output element:</source>
        <translation>Elemento de saída:</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="143"/>
        <source>n (sample)</source>
        <translation>n (amostra)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="144"/>
        <source>The image of the evaluation folder (batch index n)</source>
        <translation>A imagem da pasta de avaliação (índice n no lote)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="183"/>
        <source>1 · Inputs  (real = S·(q − Z))</source>
        <translation>1 · Entradas  (real = S·(q − Z))</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="184"/>
        <source>input scale S&lt;sub&gt;x&lt;/sub&gt;</source>
        <translation>escala da entrada S&lt;sub&gt;x&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="185"/>
        <source>input zero point Z&lt;sub&gt;x&lt;/sub&gt;</source>
        <translation>ponto zero da entrada Z&lt;sub&gt;x&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="186"/>
        <source>weight scale S&lt;sub&gt;w&lt;/sub&gt;</source>
        <translation>escala dos pesos S&lt;sub&gt;w&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="187"/>
        <source>weight zero point Z&lt;sub&gt;w&lt;/sub&gt;</source>
        <translation>ponto zero dos pesos Z&lt;sub&gt;w&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="189"/>
        <source>2 · Accumulator (integer)</source>
        <translation>2 · Acumulador (inteiro)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="190"/>
        <source>Σ&lt;sub&gt;k&lt;/sub&gt; (x&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;x&lt;/sub&gt;)·(w&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;w&lt;/sub&gt;)</source>
        <translation>Σ&lt;sub&gt;k&lt;/sub&gt; (x&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;x&lt;/sub&gt;)·(w&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;w&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="191"/>
        <source>bias B → b&lt;sub&gt;q&lt;/sub&gt; = R(B / (S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt;))</source>
        <translation>bias B → b&lt;sub&gt;q&lt;/sub&gt; = R(B / (S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt;))</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="192"/>
        <source>acc = Σ + b&lt;sub&gt;q&lt;/sub&gt;</source>
        <translation>acc = Σ + b&lt;sub&gt;q&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="194"/>
        <source>3 · Requantization</source>
        <translation>3 · Requantização</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="195"/>
        <source>method</source>
        <translation>método</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="196"/>
        <source>M = S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt; / S&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>M = S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt; / S&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="197"/>
        <source>M&lt;sub&gt;0&lt;/sub&gt;, shift</source>
        <translation>M&lt;sub&gt;0&lt;/sub&gt;, deslocamento</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="198"/>
        <source>Fixed point: M = M0 · 2^(shift − 31), M0 a Q31 integer in [2^30, 2^31)</source>
        <translation>Ponto fixo: M = M0 · 2^(shift − 31), M0 um inteiro Q31 em [2^30, 2^31)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="199"/>
        <source>acc · M (before rounding)</source>
        <translation>acc · M (antes do arredondamento)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="200"/>
        <source>rounding mode R</source>
        <translation>modo de arredondamento R</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="201"/>
        <source>R(acc · M)</source>
        <translation>R(acc · M)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="202"/>
        <source>+ Z&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>+ Z&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="203"/>
        <source>clamp to [act&lt;sub&gt;min&lt;/sub&gt;, act&lt;sub&gt;max&lt;/sub&gt;]</source>
        <translation>limitar a [act&lt;sub&gt;min&lt;/sub&gt;, act&lt;sub&gt;max&lt;/sub&gt;]</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="205"/>
        <source>4 · Output</source>
        <translation>4 · Saída</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="206"/>
        <source>output code y&lt;sub&gt;q&lt;/sub&gt;</source>
        <translation>código de saída y&lt;sub&gt;q&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="207"/>
        <source>S&lt;sub&gt;y&lt;/sub&gt;, Z&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>S&lt;sub&gt;y&lt;/sub&gt;, Z&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="208"/>
        <source>y′ = S&lt;sub&gt;y&lt;/sub&gt;·(y&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;y&lt;/sub&gt;)</source>
        <translation>y′ = S&lt;sub&gt;y&lt;/sub&gt;·(y&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;y&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="209"/>
        <source>FP32 reference y</source>
        <translation>referência FP32 y</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="210"/>
        <source>error e = y′ − y (chain)</source>
        <translation>erro e = y′ − y (cadeia)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="211"/>
        <source>layer alone (FP32-fed input)</source>
        <translation>camada isolada (entrada FP32)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="212"/>
        <source>The same element computed from the layer&apos;s FP32 input, quantized with the layer&apos;s input parameters: the local error</source>
        <translation>O mesmo elemento calculado a partir da entrada FP32 da camada, quantizada com os parâmetros de entrada da camada: o erro local</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="214"/>
        <source>The chain error uses the codes the quantized layers upstream produced, so it carries their error too; the layer-alone error is what this layer&apos;s own rounding and clamping add.</source>
        <translation>O erro da cadeia usa os códigos produzidos pelas camadas quantizadas anteriores, então carrega também o erro delas; o erro da camada isolada é o que o arredondamento e a saturação desta camada acrescentam.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="395"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) · element (%3) of sample %4 · code &lt;b&gt;%5&lt;/b&gt; → %6 against FP32 %7: &lt;b&gt;%8 LSB&lt;/b&gt; through the quantized chain, &lt;b&gt;%9 LSB&lt;/b&gt; for the layer alone (FP32-fed)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) · elemento (%3) da amostra %4 · código &lt;b&gt;%5&lt;/b&gt; → %6 contra FP32 %7: &lt;b&gt;%8 LSB&lt;/b&gt; pela cadeia quantizada, &lt;b&gt;%9 LSB&lt;/b&gt; para a camada isolada (entrada FP32)</translation>
    </message>
    <message>
        <source>error e = y′ − y</source>
        <translation type="vanished">erro e = y′ − y</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="242"/>
        <source>The same element under each rounding mode</source>
        <translation>O mesmo elemento em cada modo de arredondamento</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="269"/>
        <source>This model has no integer Conv or Gemm layer to inspect</source>
        <translation>Este modelo não tem camada Conv ou Gemm inteira para inspecionar</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="316"/>
        <source>o (channel)</source>
        <translation>o (canal)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="316"/>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="316"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="317"/>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="317"/>
        <source>o</source>
        <translation>o</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="318"/>
        <source>o (output)</source>
        <translation>o (saída)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="369"/>
        <source>Dot product terms</source>
        <translation>Termos do produto escalar</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) · element (%3) of sample %4 · code &lt;b&gt;%5&lt;/b&gt; → %6 against FP32 %7: &lt;b&gt;%8 LSB&lt;/b&gt;</source>
        <translation type="vanished">&lt;b&gt;%1&lt;/b&gt; (%2) · elemento (%3) da amostra %4 · código &lt;b&gt;%5&lt;/b&gt; → %6 contra FP32 %7: &lt;b&gt;%8 LSB&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="409"/>
        <source>%1   (K = %2 terms)</source>
        <translation>%1   (K = %2 termos)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="410"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="411"/>
        <source>%1 + %2 = %3%4</source>
        <translation>%1 + %2 = %3%4</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="414"/>
        <source>   ⚠ outside int32</source>
        <translation>   ⚠ fora de int32</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="416"/>
        <source>fixed_point: acc · M0 · 2^(shift − 31), integers only</source>
        <translation>fixed_point: acc · M0 · 2^(shift − 31), só inteiros</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="417"/>
        <source>%1: acc · M in floating point (M0, shift unused)</source>
        <translation>%1: acc · M em ponto flutuante (M0 e shift não usados)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="421"/>
        <source>M0 = %1, shift = %2  →  M0·2^(%3) = %4</source>
        <translation>M0 = %1, shift = %2  →  M0·2^(%3) = %4</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="424"/>
        <source>%1 · %2 = %3</source>
        <translation>%1 · %2 = %3</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="430"/>
        <source>%1 + %2 = %3</source>
        <translation>%1 + %2 = %3</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="434"/>
        <source>[%1, %2] → %3%4</source>
        <translation>[%1, %2] → %3%4</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="436"/>
        <source>   (clamped)</source>
        <translation>   (limitado)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="438"/>
        <source>S_y = %1, Z_y = %2</source>
        <translation>S_y = %1, Z_y = %2</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="439"/>
        <source>%1 · (%2 − %3) = %4</source>
        <translation>%1 · (%2 − %3) = %4</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="443"/>
        <source>%1 − %2 = %3   (%4 LSB)</source>
        <translation>%1 − %2 = %3   (%4 LSB)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="447"/>
        <source>acc %1 → code %2 → %3:  error %4   (%5 LSB)</source>
        <translation>acc %1 → código %2 → %3:  erro %4   (%5 LSB)</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="465"/>
        <source>Dot product: the first %1 of K = %2 terms</source>
        <translation>Produto escalar: os primeiros %1 de K = %2 termos</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="466"/>
        <source>Dot product: all K = %1 terms</source>
        <translation>Produto escalar: todos os K = %1 termos</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="467"/>
        <source>Show all K = %1 terms</source>
        <translation>Mostrar todos os K = %1 termos</translation>
    </message>
    <message>
        <location filename="../widgets/inspector_widget.cpp" line="498"/>
        <source>%1 (current)</source>
        <translation>%1 (atual)</translation>
    </message>
</context>
<context>
    <name>ql::JobRunner</name>
    <message>
        <source>Loading model %1</source>
        <translation type="vanished">Carregando o modelo %1</translation>
    </message>
    <message>
        <source>Loading images from %1</source>
        <translation type="vanished">Carregando imagens de %1</translation>
    </message>
    <message>
        <source>Evaluating FP32 on %1</source>
        <translation type="vanished">Avaliando FP32 em %1</translation>
    </message>
</context>
<context>
    <name>ql::JobStatusWidget</name>
    <message>
        <location filename="../widgets/job_status_widget.cpp" line="21"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../widgets/job_status_widget.cpp" line="22"/>
        <source>Stop the background work (Esc)</source>
        <translation>Parar o trabalho em segundo plano (Esc)</translation>
    </message>
</context>
<context>
    <name>ql::LayerTableView</name>
    <message>
        <location filename="../widgets/layer_table_view.cpp" line="55"/>
        <source>Filter layers by name, op or shape…</source>
        <translation>Filtrar camadas por nome, operador ou forma…</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_view.cpp" line="101"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>ql::LessonsPage</name>
    <message>
        <location filename="../app/lessons_page.cpp" line="21"/>
        <location filename="../app/lessons_page.cpp" line="23"/>
        <source>Lesson Handout</source>
        <translation>Apostila das lições</translation>
    </message>
    <message>
        <location filename="../app/lessons_page.cpp" line="21"/>
        <source>Wrote %1</source>
        <translation>%1 gravado</translation>
    </message>
    <message>
        <location filename="../app/lessons_page.h" line="17"/>
        <source>Lessons</source>
        <translation>Lições</translation>
    </message>
</context>
<context>
    <name>ql::LessonsPanel</name>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="56"/>
        <source>◀ &amp;Back</source>
        <translation>◀ &amp;Voltar</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="57"/>
        <source>&amp;Next ▶</source>
        <translation>&amp;Avançar ▶</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="57"/>
        <source>Open in &amp;Inspector</source>
        <translation>Abrir no &amp;Inspetor</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="76"/>
        <source>Export &amp;Handout</source>
        <translation>Exportar &amp;apostila</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="79"/>
        <source>This Lesson…</source>
        <translation>Esta lição…</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="80"/>
        <source>All Lessons…</source>
        <translation>Todas as lições…</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="84"/>
        <source>Lesson:</source>
        <translation>Lição:</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="232"/>
        <source>%1 is selected in the Quantize page&apos;s layer table.</source>
        <translation>%1 está selecionada na tabela de camadas da página Quantizar.</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="248"/>
        <source>No lessons loaded.</source>
        <translation>Nenhuma lição carregada.</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="257"/>
        <source>Lesson %1 of %2 · step %3 of %4</source>
        <translation>Lição %1 de %2 · passo %3 de %4</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="266"/>
        <source>&lt;p&gt;&lt;i&gt;The lesson needs a model with calibration data and a finished evaluation: open a model (or File ▸ Open Demo) and wait for the Quantize page&apos;s evaluation.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;A lição precisa de um modelo com dados de calibração e uma avaliação concluída: abra um modelo (ou Arquivo ▸ Abrir demonstração) e aguarde a avaliação da página Quantizar.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="283"/>
        <source>Does not apply to this model:</source>
        <translation>Não se aplica a este modelo:</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="299"/>
        <source>Evaluating the changed config…</source>
        <translation>Avaliando a configuração alterada…</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="332"/>
        <source>before “%1”</source>
        <translation>antes de “%1”</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="388"/>
        <source>Export Lesson Handout</source>
        <translation>Exportar apostila das lições</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="390"/>
        <source>HTML files (*.html)</source>
        <translation>Arquivos HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="401"/>
        <source>%1: nothing to export: open a model with calibration and evaluation data first</source>
        <translation>%1: nada para exportar: abra antes um modelo com dados de calibração e de avaliação</translation>
    </message>
    <message>
        <location filename="../widgets/lessons_panel.cpp" line="414"/>
        <source>current (unsaved)</source>
        <translation>atual (não salva)</translation>
    </message>
</context>
<context>
    <name>ql::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="95"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="131"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="132"/>
        <source>&amp;Open Model…</source>
        <translation>&amp;Abrir modelo…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="134"/>
        <source>Open an ONNX model</source>
        <translation>Abrir um modelo ONNX</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="135"/>
        <source>Open &amp;Calibration Folder…</source>
        <translation>Abrir pasta de &amp;calibração…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="137"/>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="138"/>
        <source>Images whose activation ranges set the quantization parameters</source>
        <translation>Imagens cujos intervalos de ativação definem os parâmetros de quantização</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="140"/>
        <source>Open E&amp;valuation Folder…</source>
        <translation>Abrir pasta de a&amp;valiação…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="141"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="142"/>
        <source>Open a folder of images (class sub-folders give labels)</source>
        <translation>Abrir uma pasta de imagens (subpastas de classe dão os rótulos)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="144"/>
        <source>Open Con&amp;fig…</source>
        <translation>Abrir con&amp;figuração…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="145"/>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="146"/>
        <source>Load a quantization config (JSON) for the open model</source>
        <translation>Carregar uma configuração de quantização (JSON) para o modelo aberto</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="147"/>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="154"/>
        <source>Previous Page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="154"/>
        <source>Next Page</source>
        <translation>Página seguinte</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="164"/>
        <source>Open D&amp;emo</source>
        <translation>Abrir d&amp;emonstração</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="165"/>
        <source>The bundled multi-exit CNN with its calibration and evaluation images</source>
        <translation>A CNN de várias saídas incluída, com as suas imagens de calibração e de avaliação</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="167"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="170"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="171"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="174"/>
        <source>&amp;Analysis</source>
        <translation>A&amp;nálise</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>&amp;Evaluate FP32</source>
        <translation>Avaliar &amp;FP32</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="177"/>
        <source>Top-1 accuracy per exit of the FP32 model on the data</source>
        <translation>Acurácia top-1 por saída do modelo FP32 nos dados</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="178"/>
        <source>Evaluate &amp;Quantized</source>
        <translation>Avaliar &amp;quantizado</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="181"/>
        <source>Build and evaluate the quantized model now</source>
        <translation>Construir e avaliar o modelo quantizado agora</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="182"/>
        <source>&amp;Cancel Background Work</source>
        <translation>&amp;Cancelar trabalho em segundo plano</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="188"/>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="189"/>
        <source>QuantLens &amp;Help</source>
        <translation>&amp;Ajuda do QuantLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="197"/>
        <source>How to read the pages, the glossary and the shortcuts</source>
        <translation>Como ler as páginas, o glossário e os atalhos</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="198"/>
        <source>&amp;About QuantLens</source>
        <translation>&amp;Sobre o QuantLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="200"/>
        <source>About &amp;Qt</source>
        <translation>Sobre o &amp;Qt</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="227"/>
        <source>Open a model and a data folder first</source>
        <translation>Abra antes um modelo e uma pasta de dados</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="237"/>
        <source>Open Model</source>
        <translation>Abrir modelo</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="238"/>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>Modelos ONNX (*.onnx);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="249"/>
        <source>Open Data Folder</source>
        <translation>Abrir pasta de dados</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="278"/>
        <source>About QuantLens</source>
        <translation>Sobre o QuantLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="281"/>
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;See what quantization costs: run an ONNX model in FP32 and with real integer arithmetic, layer by layer.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Veja quanto custa a quantização: execute um modelo ONNX em FP32 e com aritmética inteira real, camada por camada.&lt;/p&gt;&lt;p&gt;Compilado com Qt %2 (executando com Qt %3).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="287"/>
        <source>&lt;p&gt;&lt;b&gt;Supported ONNX operators&lt;/b&gt;&lt;br&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Operadores ONNX suportados&lt;/b&gt;&lt;br&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="296"/>
        <source>Open an ONNX model (Ctrl+O) or drop one here</source>
        <translation>Abra um modelo ONNX (Ctrl+O) ou solte um aqui</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="302"/>
        <source>%1[*] — QuantLens</source>
        <translation>%1[*] — QuantLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="303"/>
        <source>%1 · %2[*] — QuantLens</source>
        <translation>%1 · %2[*] — QuantLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="307"/>
        <source>%1 params</source>
        <translation>%1 parâmetros</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="308"/>
        <source>%1 MACs</source>
        <translation>%1 MACs</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="311"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window_lessons.cpp" line="27"/>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <location filename="../app/main_window_lessons.cpp" line="28"/>
        <source>&amp;Lessons</source>
        <translation>&amp;Lições</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="28"/>
        <source>&amp;Save Config</source>
        <translation>&amp;Salvar configuração</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="30"/>
        <source>Save the quantization config (JSON)</source>
        <translation>Salvar a configuração de quantização (JSON)</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="31"/>
        <source>Save Config &amp;As…</source>
        <translation>Salvar configuração &amp;como…</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="32"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="34"/>
        <source>E&amp;xport Report…</source>
        <translation>E&amp;xportar relatório…</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="35"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="36"/>
        <source>Write the evaluation report as JSON or CSV</source>
        <translation>Gravar o relatório de avaliação como JSON ou CSV</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="38"/>
        <source>Export &amp;Quantized Model…</source>
        <translation>Exportar modelo &amp;quantizado…</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="45"/>
        <source>Write the quantized model as ONNX QDQ, ONNX Runtime overrides or AIMET encodings</source>
        <translation>Gravar o modelo quantizado como ONNX QDQ, overrides do ONNX Runtime ou encodings do AIMET</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="54"/>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="56"/>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="57"/>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="57"/>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="62"/>
        <source>Input &amp;&amp; &amp;Preprocessing…</source>
        <translation>Entrada e &amp;Pré-processamento…</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="68"/>
        <source>Input size, resize, scale, mean/std, channel order, class map</source>
        <translation>Tamanho da entrada, redimensionamento, escala, média/desvio, ordem dos canais, mapa de classes</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="70"/>
        <source>&amp;Pin Baseline</source>
        <translation>&amp;Fixar referência</translation>
    </message>
    <message>
        <source>unsaved config, %1</source>
        <translation type="vanished">configuração não salva, %1</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="73"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="74"/>
        <source>Keep the current report to compare later edits against</source>
        <translation>Guardar o relatório atual para comparar com edições posteriores</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="75"/>
        <source>C&amp;lear Baseline</source>
        <translation>&amp;Limpar referência</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="76"/>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="129"/>
        <location filename="../app/main_window_quant.cpp" line="161"/>
        <source>Saved %1</source>
        <translation>%1 salvo</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="152"/>
        <source>Save Config</source>
        <translation>Salvar configuração</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="153"/>
        <source>Quantization configs (*.json)</source>
        <translation>Configurações de quantização (*.json)</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="178"/>
        <source>Open Calibration Folder</source>
        <translation>Abrir pasta de calibração</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="186"/>
        <source>Open a model first</source>
        <translation>Abra um modelo antes</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="191"/>
        <source>Open Config</source>
        <translation>Abrir configuração</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="192"/>
        <source>Quantization configs (*.json);;All files (*)</source>
        <translation>Configurações de quantização (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="204"/>
        <source>JSON report (*.json)</source>
        <translation>Relatório JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="205"/>
        <source>CSV tables, layers and exits (*.csv)</source>
        <translation>Tabelas CSV, camadas e saídas (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="210"/>
        <source>Export Report</source>
        <translation>Exportar relatório</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="218"/>
        <source>Exported %1</source>
        <translation>%1 exportado</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="226"/>
        <source>The quantization config</source>
        <translation>A configuração de quantização</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="227"/>
        <source>The config %1</source>
        <translation>A configuração %1</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="229"/>
        <source>Save Changes?</source>
        <translation>Salvar alterações?</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="229"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 tem alterações não salvas. Salvá-las?</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="246"/>
        <source>%1 was made for a file also named %2, but not this one: the contents differ (SHA-256 %3… in the config, %4… for the open model).</source>
        <translation>%1 foi feito para um arquivo também chamado %2, mas não este: o conteúdo difere (SHA-256 %3… na configuração, %4… no modelo aberto).</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="249"/>
        <source>%1 was made for %2, not for the open model %3 (SHA-256 %4… vs %5…).</source>
        <translation>%1 foi feito para %2, não para o modelo aberto %3 (SHA-256 %4… vs %5…).</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="253"/>
        <source>Config for Another Model</source>
        <translation>Configuração de outro modelo</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="255"/>
        <source>Apply its defaults and the settings of the layers whose names match?</source>
        <translation>Aplicar seus padrões e as configurações das camadas cujos nomes coincidem?</translation>
    </message>
    <message>
        <source>%1 was made for %2, not for the open model (the SHA-256 differs).

Apply its defaults and the settings of the layers whose names match?</source>
        <translation type="vanished">%1 foi feita para %2, não para o modelo aberto (o SHA-256 difere).

Aplicar os seus padrões e as configurações das camadas cujos nomes coincidem?</translation>
    </message>
    <message>
        <location filename="../app/main_window_quant.cpp" line="250"/>
        <source>another model</source>
        <translation>outro modelo</translation>
    </message>
    <message>
        <location filename="../app/translations.cpp" line="132"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../app/translations.cpp" line="145"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../app/translations.cpp" line="146"/>
        <source>QuantLens will use %1 from the next start.</source>
        <translation>O QuantLens usará %1 a partir da próxima inicialização.</translation>
    </message>
</context>
<context>
    <name>ql::MixedPrecisionPage</name>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="36"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="70"/>
        <source>%1 / %2 evaluations</source>
        <translation>%1 / %2 avaliações</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="78"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="81"/>
        <source>Failed: %1</source>
        <translation>Falhou: %1</translation>
    </message>
    <message>
        <source>Mixed precision</source>
        <translation type="vanished">Precisão mista</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="114"/>
        <source>Sensitivity: only one layer quantized</source>
        <translation>Sensibilidade: só uma camada quantizada</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="116"/>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="117"/>
        <source>Activations</source>
        <translation>Ativações</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="118"/>
        <source>Both</source>
        <translation>Ambos</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="119"/>
        <source>Which tensors of the layer get the bit width</source>
        <translation>Quais tensores da camada recebem a largura em bits</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="121"/>
        <source>Top-1 drop</source>
        <translation>Queda de top-1</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="122"/>
        <source>Exit SQNR</source>
        <translation>SQNR da saída</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="124"/>
        <source>Exit the heat map, the search target and the Pareto plot refer to</source>
        <translation>Saída à qual se referem o mapa de calor, a meta da busca e o gráfico de Pareto</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="127"/>
        <source>Bit widths to try, comma-separated (2..16)</source>
        <translation>Larguras em bits a testar, separadas por vírgula (2..16)</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="132"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="133"/>
        <source>Evaluation images used by the sensitivity analysis and the search, spread over the classes (0 = all)</source>
        <translation>Imagens de avaliação usadas pela análise de sensibilidade e pela busca, distribuídas entre as classes (0 = todas)</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="135"/>
        <source>Run sensitivity</source>
        <translation>Executar sensibilidade</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="139"/>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="142"/>
        <source>Images</source>
        <translation>Imagens</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="146"/>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="148"/>
        <source>at</source>
        <translation>em</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="174"/>
        <source>Automatic mixed precision</source>
        <translation>Precisão mista automática</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="176"/>
        <source>Top-1 drop at most</source>
        <translation>Queda de top-1 de no máximo</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="177"/>
        <source>Model size at most</source>
        <translation>Tamanho do modelo de no máximo</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="178"/>
        <source>Bit-ops at most</source>
        <translation>Bit-ops no máximo</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="183"/>
        <location filename="../app/mixed_precision_page.cpp" line="210"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="185"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="186"/>
        <source>Bit-ops</source>
        <translation>Bit-ops</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="187"/>
        <source>Run search</source>
        <translation>Executar busca</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="188"/>
        <source>Apply found config</source>
        <translation>Aplicar a configuração encontrada</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="198"/>
        <source>Plot against</source>
        <translation>Plotar contra</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="213"/>
        <source> kB</source>
        <translation> kB</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="216"/>
        <source> M bit-ops</source>
        <translation> M bit-ops</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="231"/>
        <source>Size and cost of the current config</source>
        <translation>Tamanho e custo da configuração atual</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="234"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="235"/>
        <source>Zero this share of every layer&apos;s smallest-magnitude weights (size only: the sparse column shows the bitmap encoding)</source>
        <translation>Zerar esta fração dos pesos de menor magnitude de cada camada (só tamanho: a coluna esparsa mostra a codificação em bitmap)</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="243"/>
        <source>Prune smallest |w|</source>
        <translation>Podar os menores |w|</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="285"/>
        <source>every exit (worst)</source>
        <translation>todas as saídas (a pior)</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="318"/>
        <source>Open a model, a calibration folder and evaluation images to analyse per-layer bit widths.</source>
        <translation>Abra um modelo, uma pasta de calibração e imagens de avaliação para analisar as larguras em bits por camada.</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="342"/>
        <source>Bits: a comma-separated list of widths in 2..16</source>
        <translation>Bits: uma lista de larguras em 2..16 separadas por vírgula</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="349"/>
        <source>Sensitivity on %1: FP32 reference, then one evaluation per layer and width…</source>
        <translation>Sensibilidade em %1: referência FP32, depois uma avaliação por camada e largura…</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="369"/>
        <source>Searching on %1: sensitivity, then greedy steps verified by evaluation, then a re-check on all %2…</source>
        <translation>Buscando em %1: sensibilidade, depois passos gulosos verificados por avaliação, depois uma nova verificação em todas as %2…</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="401"/>
        <source>Sensitivity: %1 evaluations on %2 in %3 s</source>
        <translation>Sensibilidade: %1 avaliações em %2 em %3 s</translation>
    </message>
    <message>
        <source>Sensitivity: FP32 reference, then one evaluation per layer and width…</source>
        <translation type="vanished">Sensibilidade: referência FP32, depois uma avaliação por camada e largura…</translation>
    </message>
    <message>
        <source>Sensitivity: %1 evaluations on %2 images in %3 s</source>
        <translation type="vanished">Sensibilidade: %1 avaliações em %2 imagens em %3 s</translation>
    </message>
    <message>
        <source>Searching: sensitivity, then greedy steps verified by evaluation…</source>
        <translation type="vanished">Buscando: sensibilidade, depois passos gulosos verificados por avaliação…</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="470"/>
        <source>Search: %1 evaluations in %2 s</source>
        <translation>Busca: %1 avaliações em %2 s</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="438"/>
        <source>%1 %2 % (%3)</source>
        <translation>%1 %2 % (%3)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 B (%3 bits avg) vs W8A8 %4 B — %5× smaller; %6. %7 evaluations. Click a point to apply its config.</source>
        <translation type="vanished">&lt;b&gt;%1&lt;/b&gt;: %2 B (%3 bits em média) vs W8A8 %4 B — %5× menor; %6. %7 avaliações. Clique num ponto para aplicar a sua configuração.</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="443"/>
        <source>Target met</source>
        <translation>Meta atingida</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="443"/>
        <source>Target not met</source>
        <translation>Meta não atingida</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="445"/>
        <source> on all %1</source>
        <translation> em todas as %1</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="446"/>
        <source>Searched on %1 (%2 evaluations), re-checked on all %3 (%4 evaluations)</source>
        <translation>Buscado em %1 (%2 avaliações), verificado de novo em todas as %3 (%4 avaliações)</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="452"/>
        <source>Searched on %1 (%2 evaluations)</source>
        <translation>Buscado em %1 (%2 avaliações)</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="456"/>
        <source>; the search&apos;s own pick missed the target on the full set, so point #%1 is proposed</source>
        <translation>; a escolha da própria busca não atingiu a meta no conjunto completo, então o ponto nº %1 é proposto</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="460"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 B (%3 bits avg) vs W8A8 %4 B — %5× smaller; %6. %7. Click a point to apply its config.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 B (%3 bits em média) vs W8A8 %4 B — %5× menor; %6. %7. Clique em um ponto para aplicar sua configuração.</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="517"/>
        <source>Set %1 of %2 to %3 bits</source>
        <translation>Definir %1 de %2 com %3 bits</translation>
    </message>
    <message>
        <source>Apply the found mixed-precision config</source>
        <translation type="vanished">Aplicar a configuração de precisão mista encontrada</translation>
    </message>
    <message>
        <source>Apply mixed-precision point #%1</source>
        <translation type="vanished">Aplicar o ponto de precisão mista nº %1</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="538"/>
        <source>Needs a model and its calibration.</source>
        <translation>Precisa de um modelo e da sua calibração.</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.cpp" line="554"/>
        <source>Cannot size this config: %1</source>
        <translation>Não foi possível medir esta configuração: %1</translation>
    </message>
    <message>
        <location filename="../app/mixed_precision_page.h" line="37"/>
        <source>Mixed Precision</source>
        <translation>Precisão Mista</translation>
    </message>
</context>
<context>
    <name>ql::MixedPrecisionSession</name>
    <message>
        <location filename="../widgets/mixed_precision_session.cpp" line="79"/>
        <source>Sensitivity analysis failed</source>
        <translation>Falha na análise de sensibilidade</translation>
    </message>
    <message>
        <location filename="../widgets/mixed_precision_session.cpp" line="79"/>
        <source>Sensitivity analysis</source>
        <translation>Análise de sensibilidade</translation>
    </message>
    <message>
        <location filename="../widgets/mixed_precision_session.cpp" line="112"/>
        <source>Mixed-precision search failed</source>
        <translation>Falha na busca de precisão mista</translation>
    </message>
    <message>
        <location filename="../widgets/mixed_precision_session.cpp" line="112"/>
        <source>Mixed-precision search</source>
        <translation>Busca de precisão mista</translation>
    </message>
    <message>
        <location filename="../widgets/mixed_precision_session.cpp" line="184"/>
        <source>Apply the found mixed-precision config</source>
        <translation>Aplicar a configuração de precisão mista encontrada</translation>
    </message>
    <message>
        <location filename="../widgets/mixed_precision_session.cpp" line="185"/>
        <source>Apply mixed-precision point #%1</source>
        <translation>Aplicar o ponto de precisão mista nº %1</translation>
    </message>
</context>
<context>
    <name>ql::ModelPage</name>
    <message>
        <location filename="../app/model_page.h" line="20"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
</context>
<context>
    <name>ql::ModelSummaryWidget</name>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="44"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="46"/>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="47"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="48"/>
        <source>Producer</source>
        <translation>Produtor</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="49"/>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="50"/>
        <source>Nodes</source>
        <translation>Nós</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="51"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="52"/>
        <source>MACs / sample</source>
        <translation>MACs / amostra</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="54"/>
        <source>Exits</source>
        <translation>Saídas</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="71"/>
        <source>Accuracy vs cost</source>
        <translation>Acurácia vs custo</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="78"/>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="80"/>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="81"/>
        <source>Images</source>
        <translation>Imagens</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="82"/>
        <location filename="../widgets/model_summary_widget.cpp" line="206"/>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="83"/>
        <source>Skipped</source>
        <translation>Ignorados</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="119"/>
        <source>No model open — File ▸ Open Model… or drop an .onnx file here</source>
        <translation>Nenhum modelo aberto — Arquivo ▸ Abrir modelo… ou solte um arquivo .onnx aqui</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="129"/>
        <source>%1 · opset %2</source>
        <translation>%1 · opset %2</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="130"/>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="167"/>
        <source>No data folder — File ▸ Open Data Folder…</source>
        <translation>Nenhuma pasta de dados — Arquivo ▸ Abrir pasta de dados…</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="176"/>
        <source>loading…</source>
        <translation>carregando…</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="178"/>
        <source>waiting for a model</source>
        <translation>aguardando um modelo</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="188"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="191"/>
        <source>unlabelled (no class sub-folders)</source>
        <translation>sem rótulos (sem subpastas de classe)</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="195"/>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="206"/>
        <source>Exit</source>
        <translation>Saída</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="206"/>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="206"/>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="207"/>
        <location filename="../widgets/model_summary_widget.cpp" line="288"/>
        <source>FP32 top-1</source>
        <translation>Top-1 FP32</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="207"/>
        <source>Agrees w/ last</source>
        <translation>Concorda c/ última</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="209"/>
        <source>Top-1 accuracy of the FP32 model at this exit</source>
        <translation>Acurácia top-1 do modelo FP32 nesta saída</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="210"/>
        <source>Share of images on which this exit predicts the same class as the deepest exit (the folder has no labels)</source>
        <translation>Fração das imagens em que esta saída prevê a mesma classe que a saída mais profunda (a pasta não tem rótulos)</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="226"/>
        <location filename="../widgets/model_summary_widget.cpp" line="286"/>
        <source>exit%1</source>
        <translation>saída%1</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="232"/>
        <source>%1 MACs per sample to reach this exit</source>
        <translation>%1 MACs por amostra para alcançar esta saída</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="237"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="243"/>
        <source>%1 of %2 images correct</source>
        <translation>%1 de %2 imagens corretas</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="258"/>
        <source>The model has no classifier output.</source>
        <translation>O modelo não tem saída de classificador.</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="261"/>
        <source>FP32 top-1 on %1.</source>
        <translation>Top-1 FP32 em %1.</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="263"/>
        <source>The folder is unlabelled: accuracy is not available. Shown: agreement with the deepest exit on %1.</source>
        <translation>A pasta não tem rótulos: a acurácia não está disponível. Mostrado: concordância com a saída mais profunda em %1.</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="267"/>
        <source>Evaluating FP32…</source>
        <translation>Avaliando FP32…</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="269"/>
        <source>Open a data folder to measure FP32 accuracy per exit.</source>
        <translation>Abra uma pasta de dados para medir a acurácia FP32 por saída.</translation>
    </message>
    <message>
        <location filename="../widgets/model_summary_widget.cpp" line="289"/>
        <source>Agreement with exit%1</source>
        <translation>Concordância com a saída%1</translation>
    </message>
</context>
<context>
    <name>ql::ParetoChart</name>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="40"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="41"/>
        <source>uniform W8A8</source>
        <translation>W8A8 uniforme</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="41"/>
        <source>W8A8</source>
        <translation>W8A8</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="42"/>
        <source>found</source>
        <translation>encontrada</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="50"/>
        <source>evaluated configs</source>
        <translation>configurações avaliadas</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="57"/>
        <source>Pareto front</source>
        <translation>Fronteira de Pareto</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="71"/>
        <source>Mixed precision: accuracy against cost</source>
        <translation>Precisão mista: acurácia contra custo</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="82"/>
        <source>Run the search to see the accuracy / size trade-off.</source>
        <translation>Execute a busca para ver o compromisso acurácia / tamanho.</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="165"/>
        <source>model size (kB, log scale)</source>
        <translation>tamanho do modelo (kB, escala log)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="166"/>
        <source>bit-operations per sample (G, log scale)</source>
        <translation>operações de bit por amostra (G, escala log)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="167"/>
        <source>top-1 at %1 (%)</source>
        <translation>top-1 em %1 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="169"/>
        <source>worst exit: top-1 change vs FP32 (pt)</source>
        <translation>pior saída: variação de top-1 vs FP32 (pt)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="171"/>
        <source>found (target met)</source>
        <translation>encontrada (meta atingida)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="171"/>
        <source>closest (target not met)</source>
        <translation>mais próxima (meta não atingida)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="207"/>
        <source>size %1 B (%2 bits avg), %3 bit-ops&lt;br&gt;</source>
        <translation>tamanho %1 B (%2 bits em média), %3 bit-ops&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="212"/>
        <source>%1: %2 % (%3 pt)&lt;br&gt;</source>
        <translation>%1: %2 % (%3 pt)&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="216"/>
        <source>meets the target</source>
        <translation>atinge a meta</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="216"/>
        <source>misses the target</source>
        <translation>não atinge a meta</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_chart.cpp" line="217"/>
        <source>&lt;br&gt;&lt;i&gt;Click: apply this config&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Clique: aplicar esta configuração&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>ql::PreprocessDialog</name>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="87"/>
        <source>Input &amp; Preprocessing</source>
        <translation>Entrada e Pré-processamento</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="90"/>
        <source>1 (grayscale)</source>
        <translation>1 (tons de cinza)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="91"/>
        <source>3 (colour)</source>
        <translation>3 (cor)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="94"/>
        <source>RGB (torchvision, PIL)</source>
        <translation>RGB (torchvision, PIL)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="95"/>
        <source>BGR (OpenCV, Caffe)</source>
        <translation>BGR (OpenCV, Caffe)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="111"/>
        <source>Stretch to the size</source>
        <translation>Esticar até o tamanho</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="112"/>
        <source>Shorter side, then centre crop</source>
        <translation>Lado menor, depois recorte central</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="117"/>
        <source>auto (256/224 × crop)</source>
        <translation>automático (256/224 × recorte)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="120"/>
        <source>Pixel values 0..255 are multiplied by this (a fraction such as 1/255 is accepted)</source>
        <translation>Os valores de pixel 0..255 são multiplicados por isto (uma fração como 1/255 é aceita)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="127"/>
        <source>One value for every channel, or one per channel in the input&apos;s channel order, separated by commas</source>
        <translation>Um valor para todos os canais, ou um por canal na ordem de canais da entrada, separados por vírgulas</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="131"/>
        <source>none: sub-folders are classes 0, 1, … in sorted order</source>
        <translation>nenhum: as subpastas são as classes 0, 1, … em ordem alfabética</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="133"/>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="139"/>
        <source>Channels:</source>
        <translation>Canais:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="140"/>
        <source>Channel order:</source>
        <translation>Ordem dos canais:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="141"/>
        <source>Size (height × width):</source>
        <translation>Tamanho (altura × largura):</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="142"/>
        <source>Resize:</source>
        <translation>Redimensionar:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="143"/>
        <source>Shorter side before crop:</source>
        <translation>Lado menor antes do recorte:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="144"/>
        <source>Scale:</source>
        <translation>Escala:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="145"/>
        <source>Mean:</source>
        <translation>Média:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="146"/>
        <source>Std:</source>
        <translation>Desvio padrão:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="147"/>
        <source>Class map:</source>
        <translation>Mapa de classes:</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="148"/>
        <source>Each pixel value p becomes (p · scale − mean[c]) / std[c] for channel c. A class map lists &apos;&lt;folder&gt; &lt;index&gt;&apos; or ImageNet&apos;s &apos;&lt;synset&gt; &lt;description&gt;&apos; lines in output order.</source>
        <translation>Cada valor de pixel p vira (p · escala − média[c]) / desvio[c] no canal c. Um mapa de classes lista linhas &apos;&lt;pasta&gt; &lt;índice&gt;&apos; ou, como no ImageNet, &apos;&lt;synset&gt; &lt;descrição&gt;&apos; na ordem das saídas.</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="159"/>
        <source>Model Defaults</source>
        <translation>Padrões do Modelo</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="160"/>
        <source>What QuantLens infers from the model&apos;s input shape</source>
        <translation>O que o QuantLens deduz da forma da entrada do modelo</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="227"/>
        <source>scale: &apos;%1&apos; is not a number</source>
        <translation>escala: &apos;%1&apos; não é um número</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="229"/>
        <source>mean: &apos;%1&apos; is not a list of numbers</source>
        <translation>média: &apos;%1&apos; não é uma lista de números</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="231"/>
        <source>std: &apos;%1&apos; is not a list of numbers</source>
        <translation>desvio: &apos;%1&apos; não é uma lista de números</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="278"/>
        <source>Class Map</source>
        <translation>Mapa de Classes</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="278"/>
        <source>Labels files (*.txt *.csv *.map);;All files (*)</source>
        <translation>Arquivos de rótulos (*.txt *.csv *.map);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../app/preprocess_dialog.cpp" line="292"/>
        <source>Input &amp; preprocessing</source>
        <translation>Entrada e pré-processamento</translation>
    </message>
</context>
<context>
    <name>ql::QuantLayerDelegate</name>
    <message>
        <location filename="../widgets/quant_layer_delegates.cpp" line="28"/>
        <source>Bit width, 2..16 (Enter to apply, Esc to cancel)</source>
        <translation>Largura em bits, 2..16 (Enter aplica, Esc cancela)</translation>
    </message>
</context>
<context>
    <name>ql::QuantLayerModel</name>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="58"/>
        <source>SQNR = 10·log10(Σr² / Σe²): signal over quantization noise.
red &lt; %1 dB · amber &lt; %2 dB · green ≥ %2 dB</source>
        <translation>SQNR = 10·log10(Σr² / Σe²): sinal sobre ruído de quantização.
vermelho &lt; %1 dB · âmbar &lt; %2 dB · verde ≥ %2 dB</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="333"/>
        <source>S = %1, Z = %2</source>
        <translation>S = %1, Z = %2</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="334"/>
        <source>S per channel (%1): %2 … %3, Z = %4</source>
        <translation>S por canal (%1): %2 … %3, Z = %4</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="354"/>
        <source>Runs as: %1</source>
        <translation>Executa como: %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="355"/>
        <source>integer (%1)</source>
        <translation>inteiro (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="356"/>
        <source>float: %1</source>
        <translation>float: %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="361"/>
        <source>Fused: %1</source>
        <translation>Fundido: %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="368"/>
        <source>%1 bits: %2 codes (F2 or double-click to edit, 2..16)</source>
        <translation>%1 bits: %2 códigos (F2 ou duplo clique para editar, 2..16)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="378"/>
        <source>As stored in the QDQ file %1</source>
        <translation>Como gravado no arquivo QDQ %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="385"/>
        <source>Runs in FP32 between a dequantize and a quantize boundary: %1
Check to keep it float by config.</source>
        <translation>Roda em FP32 entre uma fronteira de desquantização e uma de quantização: %1
Marque para mantê-la em float pela configuração.</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="388"/>
        <source>Run this layer in FP32 between a dequantize and a quantize boundary</source>
        <translation>Executar esta camada em FP32 entre uma fronteira de dequantização e uma de quantização</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="390"/>
        <source>This layer alone, fed with the FP32 input.
</source>
        <translation>Só esta camada, alimentada com a entrada FP32.
</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="392"/>
        <source>The whole integer chain up to here: upstream error arrives too.
</source>
        <translation>Toda a cadeia inteira até aqui: o erro anterior também chega.
</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="396"/>
        <source>Output codes saturated at qmin: %1 %, at qmax: %2 %</source>
        <translation>Códigos de saída saturados em qmin: %1 %, em qmax: %2 %</translation>
    </message>
    <message>
        <location filename="../widgets/quant_layer_model.cpp" line="401"/>
        <source>Accumulators that left the int32 range (counted on the propagated run)</source>
        <translation>Acumuladores que saíram do intervalo de int32 (contados na execução propagada)</translation>
    </message>
</context>
<context>
    <name>ql::QuantPage</name>
    <message>
        <location filename="../app/quant_page.cpp" line="83"/>
        <source>&amp;Presets</source>
        <translation>&amp;Predefinições</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="198"/>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="202"/>
        <source>Replace the whole config by a preset (undoable)</source>
        <translation>Substituir toda a configuração por uma predefinição (pode ser desfeito)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="224"/>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation type="vanished">Desfazer (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="225"/>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation type="vanished">Refazer (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="224"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="225"/>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="228"/>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="231"/>
        <source>Show or hide the summary panel (more room for the table)</source>
        <translation>Mostrar ou esconder o painel de resumo (mais espaço para a tabela)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="234"/>
        <source>Double-click or F2 edits a cell; select rows (Shift, Ctrl) to edit many at once.</source>
        <translation>Duplo clique ou F2 edita uma célula; selecione linhas (Shift, Ctrl) para editar várias de uma vez.</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="258"/>
        <source>Weight bits for the selected layers</source>
        <translation>Bits dos pesos das camadas selecionadas</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="259"/>
        <source>Activation bits for the selected layers</source>
        <translation>Bits das ativações das camadas selecionadas</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="261"/>
        <source>Rounding (weights and activations)</source>
        <translation>Arredondamento (pesos e ativações)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="262"/>
        <source>Scheme of the weights / activations</source>
        <translation>Esquema dos pesos / ativações</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="263"/>
        <source>Weight scale granularity</source>
        <translation>Granularidade da escala dos pesos</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="264"/>
        <source>Activation range observer</source>
        <translation>Observador do intervalo das ativações</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="266"/>
        <source>keep</source>
        <translation>manter</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="266"/>
        <source>quantize</source>
        <translation>quantizar</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="266"/>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="267"/>
        <source>Run the selected layers in integer arithmetic or in FP32</source>
        <translation>Executar as camadas selecionadas em aritmética inteira ou em FP32</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="268"/>
        <source>&amp;W</source>
        <translation>&amp;P</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="269"/>
        <source>&amp;A</source>
        <translation>&amp;A</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="270"/>
        <source>R&amp;ounding</source>
        <translation>Arred&amp;ondamento</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="271"/>
        <source>S&amp;cheme</source>
        <translation>Es&amp;quema</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="272"/>
        <source>&amp;Gran.</source>
        <translation>&amp;Gran.</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="273"/>
        <source>O&amp;bs.</source>
        <translation>O&amp;bs.</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="274"/>
        <source>&amp;Run</source>
        <translation>&amp;Execução</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="275"/>
        <source>A&amp;pply to Selected</source>
        <translation>A&amp;plicar às selecionadas</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="276"/>
        <source>Set the chosen fields on every selected layer (one undo step)</source>
        <translation>Definir os campos escolhidos em cada camada selecionada (um passo de desfazer)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="304"/>
        <source>Select layers:</source>
        <translation>Selecionar camadas:</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="330"/>
        <source>preset %1</source>
        <translation>predefinição %1</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="334"/>
        <source>%1 (modified)</source>
        <translation>%1 (modificado)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="336"/>
        <source>unsaved config (%1)</source>
        <translation>configuração não salva (%1)</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="355"/>
        <source>Preset %1</source>
        <translation>Predefinição %1</translation>
    </message>
    <message>
        <location filename="../app/quant_page.cpp" line="391"/>
        <source>%1 on %2</source>
        <translation>%1 em %2</translation>
    </message>
    <message>
        <location filename="../app/quant_page.h" line="32"/>
        <source>Quantize</source>
        <translation>Quantizar</translation>
    </message>
</context>
<context>
    <name>ql::QuantSession</name>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="146"/>
        <source>Could not open the config</source>
        <translation>Não foi possível abrir a configuração</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="148"/>
        <source>%1: open a model first</source>
        <translation>%1: abra um modelo antes</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="177"/>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="197"/>
        <source>Apply matching layers</source>
        <translation>Aplicar as camadas correspondentes</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="205"/>
        <source>Could not save the config</source>
        <translation>Não foi possível salvar a configuração</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="229"/>
        <source>Could not export the report</source>
        <translation>Não foi possível exportar o relatório</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session_config.cpp" line="231"/>
        <source>%1: there is no evaluation report yet</source>
        <translation>%1: ainda não há relatório de avaliação</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session.cpp" line="30"/>
        <source>Calibration failed</source>
        <translation>Falha na calibração</translation>
    </message>
    <message>
        <location filename="../widgets/quant_session.cpp" line="31"/>
        <source>Evaluation failed</source>
        <translation>Falha na avaliação</translation>
    </message>
</context>
<context>
    <name>ql::QuantSummaryWidget</name>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="63"/>
        <source>Evaluation</source>
        <translation>Avaliação</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="65"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="66"/>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="67"/>
        <source>Config</source>
        <translation>Configuração</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="68"/>
        <source>Calibrated on</source>
        <translation>Calibrado em</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="69"/>
        <source>Evaluated on</source>
        <translation>Avaliado em</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="70"/>
        <source>Baseline</source>
        <translation>Referência</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="72"/>
        <source>Size and cost</source>
        <translation>Tamanho e custo</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="74"/>
        <source>Integer coverage</source>
        <translation>Cobertura inteira</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="75"/>
        <source>Share of the MACs that run in integer arithmetic; the layer table&apos;s Float column says why each float layer is float</source>
        <translation>Fração dos MACs que rodam em aritmética inteira; a coluna Float da tabela de camadas diz por que cada camada em float é float</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="78"/>
        <source>FP32 model</source>
        <translation>Modelo FP32</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="79"/>
        <source>Configured</source>
        <translation>Configurado</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="80"/>
        <source>Compression</source>
        <translation>Compressão</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="81"/>
        <source>Bit-ops / sample</source>
        <translation>Bit-ops / amostra</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="82"/>
        <source>MACs × weight bits × activation bits (float layers: 32 × 32)</source>
        <translation>MACs × bits dos pesos × bits das ativações (camadas float: 32 × 32)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="84"/>
        <source>Top-1 accuracy per exit</source>
        <translation>Acurácia top-1 por saída</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="89"/>
        <source>Exit</source>
        <translation>Saída</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="89"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>Quantized</source>
        <translation type="vanished">Quantizado</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="89"/>
        <source>Δ</source>
        <translation>Δ</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="89"/>
        <source>Agree</source>
        <translation>Concorda</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="89"/>
        <source>Quant.</source>
        <translation>Quant.</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="89"/>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="90"/>
        <source>Quantized top-1 of the current config</source>
        <translation>Top-1 quantizado da configuração atual</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="92"/>
        <source>Samples whose quantized top-1 equals FP32&apos;s</source>
        <translation>Amostras cujo top-1 quantizado é igual ao do FP32</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="93"/>
        <source>Quantized top-1 of the pinned baseline</source>
        <translation>Top-1 quantizado da referência fixada</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="110"/>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="112"/>
        <source>Integer</source>
        <translation>Inteiras</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="113"/>
        <source>Lowest SQNR</source>
        <translation>Menor SQNR</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="114"/>
        <source>int32 overflows</source>
        <translation>estouros de int32</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="161"/>
        <source>No model open</source>
        <translation>Nenhum modelo aberto</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="164"/>
        <source>Calibrating…</source>
        <translation>Calibrando…</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="165"/>
        <source>Waiting for data (open a calibration or evaluation folder)</source>
        <translation>Aguardando dados (abra uma pasta de calibração ou de avaliação)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="169"/>
        <source>Edited — evaluating shortly…</source>
        <translation>Editado — avaliando em instantes…</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="172"/>
        <source>Evaluating…</source>
        <translation>Avaliando…</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="176"/>
        <source>Up to date</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="180"/>
        <source>Cancelled — the table shows the previous result</source>
        <translation>Cancelado — a tabela mostra o resultado anterior</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="184"/>
        <source>Failed — the table shows the previous result</source>
        <translation>Falhou — a tabela mostra o resultado anterior</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="193"/>
        <source>%1 ms (build + evaluate)</source>
        <translation>%1 ms (construir + avaliar)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="199"/>
        <source>unsaved</source>
        <translation>não salva</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="201"/>
        <source> (modified)</source>
        <translation> (modificada)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="211"/>
        <source>the calibration images</source>
        <translation>as imagens de calibração</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="231"/>
        <source>pinned</source>
        <translation>fixada</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="232"/>
        <source>none (Edit ▸ Pin Baseline)</source>
        <translation>nenhuma (Editar ▸ Fixar referência)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="240"/>
        <source>The accuracy appears after the first evaluation.</source>
        <translation>A acurácia aparece após a primeira avaliação.</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="251"/>
        <source>%1 % of MACs</source>
        <translation>%1 % dos MACs</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="256"/>
        <source>Share of the MACs that run in integer arithmetic</source>
        <translation>Fração dos MACs que rodam em aritmética inteira</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="263"/>
        <source>not a result: %1 MB of weights fell back to FP32</source>
        <translation>não é um resultado: %1 MB de pesos ficaram em FP32</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="277"/>
        <source>%1: %2 MACs per sample</source>
        <translation>%1: %2 MACs por amostra</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="295"/>
        <source>%1; Δ = quantized − FP32 (points).</source>
        <translation>%1; Δ = quantizado − FP32 (pontos).</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="297"/>
        <source>%1, unlabelled: agreement with FP32 only.</source>
        <translation>%1, sem rótulos: só concordância com o FP32.</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="307"/>
        <source>%1 has %2 logits</source>
        <translation>%1 tem %2 logits</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="310"/>
        <source>&lt;b&gt;⚠ The evaluation folder has %1 class folders, but %2&lt;/b&gt;: labels are the folders&apos; sorted indices, so top-1 is compared against the wrong classes.</source>
        <translation>&lt;b&gt;⚠ A pasta de avaliação tem %1 pastas de classes, mas %2&lt;/b&gt;: os rótulos são os índices ordenados das pastas, então o top-1 é comparado com as classes erradas.</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="329"/>
        <source>%1 of %2 layers run in integer arithmetic</source>
        <translation>%1 de %2 camadas executam em aritmética inteira</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="330"/>
        <source>%1 dB at %2 (propagated)</source>
        <translation>%1 dB em %2 (propagado)</translation>
    </message>
    <message>
        <location filename="../widgets/quant_summary_widget.cpp" line="335"/>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
</context>
<context>
    <name>ql::RecentFiles</name>
    <message>
        <location filename="../app/recent_files.cpp" line="113"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../app/recent_files.cpp" line="114"/>
        <source>Configs</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../app/recent_files.cpp" line="115"/>
        <source>Calibration folders</source>
        <translation>Pastas de calibração</translation>
    </message>
    <message>
        <location filename="../app/recent_files.cpp" line="116"/>
        <source>Evaluation folders</source>
        <translation>Pastas de avaliação</translation>
    </message>
    <message>
        <location filename="../app/recent_files.cpp" line="141"/>
        <source>Clear Recent</source>
        <translation>Limpar recentes</translation>
    </message>
</context>
<context>
    <name>ql::SensitivityHeatmap</name>
    <message>
        <location filename="../widgets/sensitivity_heatmap.cpp" line="323"/>
        <source>Run the sensitivity analysis to fill the heat map.</source>
        <translation>Execute a análise de sensibilidade para preencher o mapa de calor.</translation>
    </message>
</context>
<context>
    <name>ql::Session</name>
    <message>
        <location filename="../widgets/session.cpp" line="16"/>
        <source>Could not open the model</source>
        <translation>Não foi possível abrir o modelo</translation>
    </message>
    <message>
        <location filename="../widgets/session.cpp" line="17"/>
        <source>Could not load the data folder</source>
        <translation>Não foi possível carregar a pasta de dados</translation>
    </message>
    <message>
        <location filename="../widgets/session.cpp" line="18"/>
        <source>FP32 evaluation failed</source>
        <translation>A avaliação FP32 falhou</translation>
    </message>
    <message>
        <location filename="../widgets/session.cpp" line="31"/>
        <source>Loading model %1</source>
        <translation>Carregando o modelo %1</translation>
    </message>
    <message>
        <location filename="../widgets/session.cpp" line="55"/>
        <source>Loading images from %1</source>
        <translation>Carregando imagens de %1</translation>
    </message>
    <message>
        <location filename="../widgets/session.cpp" line="124"/>
        <source>Evaluating FP32 on %1</source>
        <translation>Avaliando FP32 em %1</translation>
    </message>
</context>
<context>
    <name>ql::SizeCostTable</name>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="16"/>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="16"/>
        <source>W bits</source>
        <translation>Bits P</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="16"/>
        <source>A bits</source>
        <translation>Bits A</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="16"/>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="16"/>
        <source>Zeros</source>
        <translation>Zeros</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="17"/>
        <source>FP32 (B)</source>
        <translation>FP32 (B)</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="17"/>
        <source>W8A8 (B)</source>
        <translation>W8A8 (B)</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="17"/>
        <source>Mixed (B)</source>
        <translation>Mista (B)</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="17"/>
        <source>Sparse (B)</source>
        <translation>Esparsa (B)</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="18"/>
        <source>Bit-ops W8A8</source>
        <translation>Bit-ops W8A8</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="18"/>
        <source>Bit-ops mixed</source>
        <translation>Bit-ops mista</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="20"/>
        <source>Bitmap (1 bit per weight) + the non-zero codes, where smaller than dense</source>
        <translation>Bitmap (1 bit por peso) + os códigos não nulos, quando menor que a forma densa</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="39"/>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="59"/>
        <source>(other parameters)</source>
        <translation>(outros parâmetros)</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="61"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="69"/>
        <source>FP32 %1 B → W8A8 %2 B → current %3 B (%4 bits avg, %5× smaller than W8A8)%6; bit-ops %7 → %8 per sample.</source>
        <translation>FP32 %1 B → W8A8 %2 B → atual %3 B (%4 bits em média, %5× menor que W8A8)%6; bit-ops %7 → %8 por amostra.</translation>
    </message>
    <message>
        <location filename="../widgets/size_cost_table.cpp" line="76"/>
        <source>, with bitmap-encoded zeros %1 B</source>
        <translation>, com zeros codificados em bitmap %1 B</translation>
    </message>
</context>
<context>
    <name>ql::ValueHistogramChart</name>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="307"/>
        <source>r (FP32 reference)</source>
        <translation>r (referência FP32)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="308"/>
        <source>out of range (clipped)</source>
        <translation>fora do intervalo (saturado)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="311"/>
        <source>FP32 value r (real units)</source>
        <translation>valor FP32 r (unidades reais)</translation>
    </message>
    <message>
        <source>share of values (%)</source>
        <translation type="vanished">fração dos valores (%)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="312"/>
        <source>density (share of values per unit of e)</source>
        <translation>densidade (fração dos valores por unidade de e)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="331"/>
        <source>Select a layer to see its value histogram</source>
        <translation>Selecione uma camada para ver o seu histograma de valores</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="340"/>
        <source>No value samples for %1</source>
        <translation>Sem amostras de valores para %1</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="367"/>
        <source>clip range [%1, %2]</source>
        <translation>intervalo de saturação [%1, %2]</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="373"/>
        <source>%1 — values, %2 % clipped (low %3 %, high %4 %)</source>
        <translation>%1 — valores, %2 % saturados (baixo %3 %, alto %4 %)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="379"/>
        <source>%1 — values (output in FP32: no clipping)</source>
        <translation>%1 — valores (saída em FP32: sem saturação)</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="392"/>
        <source>r ≈ %1</source>
        <translation>r ≈ %1</translation>
    </message>
    <message>
        <location filename="../widgets/error_histogram_chart.cpp" line="393"/>
        <source>r ≈ %1
%2 % of values</source>
        <translation>r ≈ %1
%2 % dos valores</translation>
    </message>
</context>
</TS>
