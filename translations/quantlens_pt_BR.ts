<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>QObject</name>
    <message>
        <source>keep</source>
        <translation>manter</translation>
    </message>
    <message>
        <source>%1 M MACs</source>
        <translation>%1 M MACs</translation>
    </message>
    <message>
        <source>W symmetric · A affine</source>
        <translation>P simétrico · A afim</translation>
    </message>
    <message>
        <source>Symmetric weights (zero point 0), affine activations: PyTorch FBGEMM's default</source>
        <translation>Pesos simétricos (ponto zero 0), ativações afins: o padrão do FBGEMM do PyTorch</translation>
    </message>
    <message>
        <source>W symmetric · A symmetric</source>
        <translation>P simétrico · A simétrico</translation>
    </message>
    <message>
        <source>Both symmetric: simplest integer kernels; wastes half the codes after a ReLU</source>
        <translation>Ambos simétricos: kernels inteiros mais simples; desperdiça metade dos códigos após uma ReLU</translation>
    </message>
    <message>
        <source>W affine · A affine</source>
        <translation>P afim · A afim</translation>
    </message>
    <message>
        <source>Both affine: the range fits each tensor exactly; costs zero-point terms</source>
        <translation>Ambos afins: o intervalo se ajusta exatamente a cada tensor; custa termos de ponto zero</translation>
    </message>
    <message>
        <source>W affine · A symmetric</source>
        <translation>P afim · A simétrico</translation>
    </message>
    <message>
        <source>Affine weights, symmetric activations: rarely useful</source>
        <translation>Pesos afins, ativações simétricas: raramente útil</translation>
    </message>
    <message>
        <source>One scale per output channel: small channels keep their precision</source>
        <translation>Uma escala por canal de saída: canais pequenos mantêm a sua precisão</translation>
    </message>
    <message>
        <source>One scale for the whole weight tensor: the largest channel sets the step</source>
        <translation>Uma escala para todo o tensor de pesos: o maior canal define o passo</translation>
    </message>
    <message>
        <source>nearest, ties to even (torch.round, ONNX): unbiased</source>
        <translation>mais próximo, empates para o par (torch.round, ONNX): sem viés</translation>
    </message>
    <message>
        <source>nearest, ties away from zero (std::round, gemmlowp): almost unbiased</source>
        <translation>mais próximo, empates para longe do zero (std::round, gemmlowp): quase sem viés</translation>
    </message>
    <message>
        <source>truncation: biased by about −½ LSB per requantization; errors accumulate with depth</source>
        <translation>truncamento: viés de cerca de −½ LSB por requantização; os erros se acumulam com a profundidade</translation>
    </message>
    <message>
        <source>toward −∞: every value biased down by about ½ LSB; drifts with depth</source>
        <translation>em direção a −∞: cada valor puxado para baixo em cerca de ½ LSB; deriva com a profundidade</translation>
    </message>
    <message>
        <source>up with probability equal to the fraction: unbiased on average, noisier (seeded)</source>
        <translation>para cima com probabilidade igual à fração: sem viés em média, mais ruidoso (com semente)</translation>
    </message>
    <message>
        <source>exact min/max of the calibration data: no clipping, outliers widen the step</source>
        <translation>mín/máx exatos dos dados de calibração: sem saturação, valores atípicos alargam o passo</translation>
    </message>
    <message>
        <source>min/max averaged over batches (PyTorch, c = 0.01): tames outlier batches</source>
        <translation>mín/máx com média entre lotes (PyTorch, c = 0,01): amansa lotes atípicos</translation>
    </message>
    <message>
        <source>clip at the 99.99th percentile: finer step, the rare tail saturates</source>
        <translation>saturar no percentil 99,99: passo mais fino, a cauda rara satura</translation>
    </message>
    <message>
        <source>the clipping range with the least expected quantization MSE</source>
        <translation>o intervalo de saturação com o menor MSE de quantização esperado</translation>
    </message>
    <message>
        <source>TensorRT's KL-divergence search for the clipping threshold</source>
        <translation>a busca por divergência KL do TensorRT para o limiar de saturação</translation>
    </message>
    <message>
        <source>no calibration: (S, Z) from each batch's own min/max at run time</source>
        <translation>sem calibração: (S, Z) a partir do mín/máx de cada lote em tempo de execução</translation>
    </message>
    <message>
        <source>the evaluation images</source>
        <translation>as imagens de avaliação</translation>
    </message>
    <message>
        <source>Calibrating on %1</source>
        <translation>Calibrando em %1</translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation>A calibração falhou</translation>
    </message>
    <message>
        <source>Evaluating the quantized model on %1</source>
        <translation>Avaliando o modelo quantizado em %1</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>A avaliação falhou</translation>
    </message>
    <message>
        <source>Cannot quantize this model</source>
        <translation>Não é possível quantizar este modelo</translation>
    </message>
    <message>
        <source>(evaluation folder)</source>
        <translation>(pasta de avaliação)</translation>
    </message>
</context>
<context>
    <name>QObject::QObject</name>
    <message>
        <source>W bits %1</source>
        <translation>bits P %1</translation>
    </message>
    <message>
        <source>A bits %1</source>
        <translation>bits A %1</translation>
    </message>
    <message>
        <source>scheme %1</source>
        <translation>esquema %1</translation>
    </message>
    <message>
        <source>rounding %1</source>
        <translation>arredondamento %1</translation>
    </message>
    <message>
        <source>observer %1</source>
        <translation>observador %1</translation>
    </message>
    <message>
        <source>keep float</source>
        <translation>manter float</translation>
    </message>
    <message>
        <source>quantize</source>
        <translation>quantizar</translation>
    </message>
</context>
<context>
    <name>ql::ChartView</name>
    <message>
        <source>Open a calibration folder to evaluate</source>
        <translation>Abra uma pasta de calibração para avaliar</translation>
    </message>
    <message>
        <source>QuantLens chart</source>
        <translation>Gráfico do QuantLens</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>Exportar PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imagens PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Não foi possível gravar %1.</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>Exportar SVG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>Imagens SVG (*.svg)</translation>
    </message>
    <message>
        <source>Reset Zoom</source>
        <translation>Restaurar zoom</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>Exportar SVG…</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>Copiar imagem</translation>
    </message>
</context>
<context>
    <name>ql::ChartsPage</name>
    <message>
        <source>Open a model to quantize</source>
        <translation>Abra um modelo para quantizar</translation>
    </message>
    <message>
        <source>Open a calibration folder to evaluate</source>
        <translation>Abra uma pasta de calibração para avaliar</translation>
    </message>
    <message>
        <source>The evaluation failed — see the status bar</source>
        <translation>A avaliação falhou — veja a barra de status</translation>
    </message>
    <message>
        <source>Evaluation cancelled: edit the configuration to evaluate again</source>
        <translation>Avaliação cancelada: edite a configuração para avaliar de novo</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Avaliando…</translation>
    </message>
    <message>
        <source>Drag to zoom · wheel zooms · double-click resets · right-click to export</source>
        <translation>Arraste para ampliar · a roda dá zoom · duplo clique restaura · botão direito exporta</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Camada:</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>inteiro</translation>
    </message>
    <message>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <source>SQNR %1 dB (local %2 dB)</source>
        <translation>SQNR %1 dB (local %2 dB)</translation>
    </message>
    <message>
        <source>max |e| %1</source>
        <translation>máx |e| %1</translation>
    </message>
    <message>
        <source>cosine %1</source>
        <translation>cosseno %1</translation>
    </message>
    <message>
        <source>clipped %1 %</source>
        <translation>saturado %1 %</translation>
    </message>
    <message>
        <source>%1 int32 overflows</source>
        <translation>%1 estouros de int32</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
</context>
<context>
    <name>ql::DriftChart</name>
    <message>
        <source>layer (plan order = depth)</source>
        <translation>camada (ordem do plano = profundidade)</translation>
    </message>
    <message>
        <source>mean error (real units)</source>
        <translation>erro médio (unidades reais)</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>Drift: propagated error by depth</source>
        <translation>Deriva: erro propagado por profundidade</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <source>current</source>
        <translation>atual</translation>
    </message>
    <message>
        <source>%1 · mean error</source>
        <translation>%1 · erro médio</translation>
    </message>
    <message>
        <source>%1 · SQNR</source>
        <translation>%1 · SQNR</translation>
    </message>
    <message>
        <source>A: %1 (baseline)</source>
        <translation>A: %1 (referência)</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>fixada</translation>
    </message>
    <message>
        <source>%1 (%2, depth %3)</source>
        <translation>%1 (%2, profundidade %3)</translation>
    </message>
    <message>
        <source>mean error %1, SQNR %2 dB</source>
        <translation>erro médio %1, SQNR %2 dB</translation>
    </message>
    <message>
        <source>baseline: mean error %1, SQNR %2 dB</source>
        <translation>referência: erro médio %1, SQNR %2 dB</translation>
    </message>
</context>
<context>
    <name>ql::ErrorHistogramChart</name>
    <message>
        <source>error e = r′ − r (real units)</source>
        <translation>erro e = r′ − r (unidades reais)</translation>
    </message>
    <message>
        <source>share of values (%)</source>
        <translation>fração dos valores (%)</translation>
    </message>
    <message>
        <source>Select a layer to see its error histogram</source>
        <translation>Selecione uma camada para ver o seu histograma de erro</translation>
    </message>
    <message>
        <source>No error samples for %1</source>
        <translation>Sem amostras de erro para %1</translation>
    </message>
    <message>
        <source>local (FP32 input)</source>
        <translation>local (entrada FP32)</translation>
    </message>
    <message>
        <source>propagated</source>
        <translation>propagado</translation>
    </message>
    <message>
        <source>local mean %1</source>
        <translation>média local %1</translation>
    </message>
    <message>
        <source>propagated mean %1</source>
        <translation>média propagada %1</translation>
    </message>
    <message>
        <source>error e = r′ − r (real units; 1 LSB = S = %1)</source>
        <translation>erro e = r′ − r (unidades reais; 1 LSB = S = %1)</translation>
    </message>
    <message>
        <source>%1 — quantization error</source>
        <translation>%1 — erro de quantização</translation>
    </message>
    <message>
        <source>e ≈ %1</source>
        <translation>e ≈ %1</translation>
    </message>
    <message>
        <source>local: %1 % of values</source>
        <translation>local: %1 % dos valores</translation>
    </message>
    <message>
        <source>propagated: %1 % of values</source>
        <translation>propagado: %1 % dos valores</translation>
    </message>
    <message>
        <source>click: explain this layer in the Inspector</source>
        <translation>clique: explicar esta camada no Inspetor</translation>
    </message>
</context>
<context>
    <name>ql::ExitAccuracyChart</name>
    <message>
        <source>exit (MACs per sample to reach it)</source>
        <translation>saída (MACs por amostra para alcançá-la)</translation>
    </message>
    <message>
        <source>top-1 accuracy (%)</source>
        <translation>acurácia top-1 (%)</translation>
    </message>
    <message>
        <source>%1 (%2)
%3: %4 %
quantized agrees with FP32 on %5 %</source>
        <translation>%1 (%2)
%3: %4 %
o quantizado concorda com o FP32 em %5 %</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>B: current</source>
        <translation>B: atual</translation>
    </message>
    <message>
        <source>quantized</source>
        <translation>quantizado</translation>
    </message>
    <message>
        <source>A: %1 (baseline)</source>
        <translation>A: %1 (referência)</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;%2</source>
        <translation>%1&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>top-1 agreement with FP32 (%)</source>
        <translation>concordância top-1 com o FP32 (%)</translation>
    </message>
    <message>
        <source>Accuracy per exit</source>
        <translation>Acurácia por saída</translation>
    </message>
    <message>
        <source>Agreement with FP32 per exit (unlabelled data)</source>
        <translation>Concordância com o FP32 por saída (dados sem rótulo)</translation>
    </message>
</context>
<context>
    <name>ql::ExitPolicyChart</name>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>current threshold</source>
        <translation>limiar atual</translation>
    </message>
    <message>
        <source>average MACs per sample (M)</source>
        <translation>MACs médios por amostra (M)</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>acurácia (%)</translation>
    </message>
    <message>
        <source>Exit policy: accuracy against cost</source>
        <translation>Política de saída: acurácia contra custo</translation>
    </message>
    <message>
        <source>B: current</source>
        <translation>B: atual</translation>
    </message>
    <message>
        <source>quantized</source>
        <translation>quantizado</translation>
    </message>
    <message>
        <source>A: %1 (baseline)</source>
        <translation>A: %1 (referência)</translation>
    </message>
    <message>
        <source>top-1 accuracy (%)</source>
        <translation>acurácia top-1 (%)</translation>
    </message>
    <message>
        <source>agreement with the last FP32 exit (%)</source>
        <translation>concordância com a última saída FP32 (%)</translation>
    </message>
    <message>
        <source>threshold %1
%2: %3 % at %4 M MACs</source>
        <translation>limiar %1
%2: %3 % com %4 M MACs</translation>
    </message>
</context>
<context>
    <name>ql::ExitPolicyWidget</name>
    <message>
        <source>Take the first exit whose max-softmax probability reaches the threshold (else the last exit)</source>
        <translation>Usar a primeira saída cuja maior probabilidade softmax atinge o limiar (senão a última saída)</translation>
    </message>
    <message>
        <source>Exit threshold:</source>
        <translation>Limiar de saída:</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>&lt;b&gt;threshold %1&lt;/b&gt;: FP32 &lt;b&gt;%2 %&lt;/b&gt; at %3 M MACs per sample, quantized &lt;b&gt;%4 %&lt;/b&gt; (%5 pt) at %6 M MACs&lt;br&gt;quantized samples leaving at: %7</source>
        <translation>&lt;b&gt;limiar %1&lt;/b&gt;: FP32 &lt;b&gt;%2 %&lt;/b&gt; com %3 M MACs por amostra, quantizado &lt;b&gt;%4 %&lt;/b&gt; (%5 pt) com %6 M MACs&lt;br&gt;amostras quantizadas saindo em: %7</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>ql::ExitTradeoffChart</name>
    <message>
        <source>%1: %2 % at %3 M MACs</source>
        <translation>%1: %2 % com %3 M MACs</translation>
    </message>
    <message>
        <source>MACs to reach the exit (M)</source>
        <translation>MACs para alcançar a saída (M)</translation>
    </message>
</context>
<context>
    <name>ql::ExitsPage</name>
    <message>
        <source>Exits</source>
        <translation>Saídas</translation>
    </message>
</context>
<context>
    <name>ql::HeatmapLegend</name>
    <message>
        <source>Top-1 drop (pt)</source>
        <translation>Queda de top-1 (pt)</translation>
    </message>
    <message>
        <source>Exit SQNR (dB)</source>
        <translation>SQNR da saída (dB)</translation>
    </message>
</context>
<context>
    <name>ql::InspectorPage</name>
    <message>
        <source>%1 is not an integer Conv or Gemm layer: only those can be explained term by term</source>
        <translation>%1 não é uma camada Conv ou Gemm inteira: só essas podem ser explicadas termo a termo</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspetor</translation>
    </message>
</context>
<context>
    <name>ql::InspectorWidget</name>
    <message>
        <source>Show all K terms</source>
        <translation>Mostrar todos os K termos</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>x_q</source>
        <translation>x_q</translation>
    </message>
    <message>
        <source>x_q − Z_x</source>
        <translation>x_q − Z_x</translation>
    </message>
    <message>
        <source>w_q</source>
        <translation>w_q</translation>
    </message>
    <message>
        <source>w_q − Z_w</source>
        <translation>w_q − Z_w</translation>
    </message>
    <message>
        <source>product</source>
        <translation>produto</translation>
    </message>
    <message>
        <source>rounding</source>
        <translation>arredondamento</translation>
    </message>
    <message>
        <source>code y_q</source>
        <translation>código y_q</translation>
    </message>
    <message>
        <source>dequantized y′</source>
        <translation>dequantizado y′</translation>
    </message>
    <message>
        <source>error vs FP32 (LSB)</source>
        <translation>erro vs FP32 (LSB)</translation>
    </message>
    <message>
        <source>Open a calibration folder to evaluate</source>
        <translation>Abra uma pasta de calibração para avaliar</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Camada:</translation>
    </message>
    <message>
        <source>Output element:</source>
        <translation>Elemento de saída:</translation>
    </message>
    <message>
        <source>n (sample)</source>
        <translation>n (amostra)</translation>
    </message>
    <message>
        <source>The image of the evaluation folder (batch index n)</source>
        <translation>A imagem da pasta de avaliação (índice n no lote)</translation>
    </message>
    <message>
        <source>1 · Inputs  (real = S·(q − Z))</source>
        <translation>1 · Entradas  (real = S·(q − Z))</translation>
    </message>
    <message>
        <source>input scale S&lt;sub&gt;x&lt;/sub&gt;</source>
        <translation>escala da entrada S&lt;sub&gt;x&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>input zero point Z&lt;sub&gt;x&lt;/sub&gt;</source>
        <translation>ponto zero da entrada Z&lt;sub&gt;x&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>weight scale S&lt;sub&gt;w&lt;/sub&gt;</source>
        <translation>escala dos pesos S&lt;sub&gt;w&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>weight zero point Z&lt;sub&gt;w&lt;/sub&gt;</source>
        <translation>ponto zero dos pesos Z&lt;sub&gt;w&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>2 · Accumulator (integer)</source>
        <translation>2 · Acumulador (inteiro)</translation>
    </message>
    <message>
        <source>Σ&lt;sub&gt;k&lt;/sub&gt; (x&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;x&lt;/sub&gt;)·(w&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;w&lt;/sub&gt;)</source>
        <translation>Σ&lt;sub&gt;k&lt;/sub&gt; (x&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;x&lt;/sub&gt;)·(w&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;w&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>bias B → b&lt;sub&gt;q&lt;/sub&gt; = R(B / (S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt;))</source>
        <translation>bias B → b&lt;sub&gt;q&lt;/sub&gt; = R(B / (S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt;))</translation>
    </message>
    <message>
        <source>acc = Σ + b&lt;sub&gt;q&lt;/sub&gt;</source>
        <translation>acc = Σ + b&lt;sub&gt;q&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>3 · Requantization</source>
        <translation>3 · Requantização</translation>
    </message>
    <message>
        <source>method</source>
        <translation>método</translation>
    </message>
    <message>
        <source>M = S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt; / S&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>M = S&lt;sub&gt;x&lt;/sub&gt;·S&lt;sub&gt;w&lt;/sub&gt; / S&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>M&lt;sub&gt;0&lt;/sub&gt;, shift</source>
        <translation>M&lt;sub&gt;0&lt;/sub&gt;, deslocamento</translation>
    </message>
    <message>
        <source>Fixed point: M = M0 · 2^(shift − 31), M0 a Q31 integer in [2^30, 2^31)</source>
        <translation>Ponto fixo: M = M0 · 2^(shift − 31), M0 um inteiro Q31 em [2^30, 2^31)</translation>
    </message>
    <message>
        <source>acc · M (before rounding)</source>
        <translation>acc · M (antes do arredondamento)</translation>
    </message>
    <message>
        <source>rounding mode R</source>
        <translation>modo de arredondamento R</translation>
    </message>
    <message>
        <source>R(acc · M)</source>
        <translation>R(acc · M)</translation>
    </message>
    <message>
        <source>+ Z&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>+ Z&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>clamp to [act&lt;sub&gt;min&lt;/sub&gt;, act&lt;sub&gt;max&lt;/sub&gt;]</source>
        <translation>limitar a [act&lt;sub&gt;min&lt;/sub&gt;, act&lt;sub&gt;max&lt;/sub&gt;]</translation>
    </message>
    <message>
        <source>4 · Output</source>
        <translation>4 · Saída</translation>
    </message>
    <message>
        <source>output code y&lt;sub&gt;q&lt;/sub&gt;</source>
        <translation>código de saída y&lt;sub&gt;q&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>S&lt;sub&gt;y&lt;/sub&gt;, Z&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>S&lt;sub&gt;y&lt;/sub&gt;, Z&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>y′ = S&lt;sub&gt;y&lt;/sub&gt;·(y&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;y&lt;/sub&gt;)</source>
        <translation>y′ = S&lt;sub&gt;y&lt;/sub&gt;·(y&lt;sub&gt;q&lt;/sub&gt; − Z&lt;sub&gt;y&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>FP32 reference y</source>
        <translation>referência FP32 y</translation>
    </message>
    <message>
        <source>error e = y′ − y</source>
        <translation>erro e = y′ − y</translation>
    </message>
    <message>
        <source>The same element under each rounding mode</source>
        <translation>O mesmo elemento em cada modo de arredondamento</translation>
    </message>
    <message>
        <source>This model has no integer Conv or Gemm layer to inspect</source>
        <translation>Este modelo não tem camada Conv ou Gemm inteira para inspecionar</translation>
    </message>
    <message>
        <source>o (channel)</source>
        <translation>o (canal)</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <source>o</source>
        <translation>o</translation>
    </message>
    <message>
        <source>o (output)</source>
        <translation>o (saída)</translation>
    </message>
    <message>
        <source>Dot product terms</source>
        <translation>Termos do produto escalar</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) · element (%3) of sample %4 · code &lt;b&gt;%5&lt;/b&gt; → %6 against FP32 %7: &lt;b&gt;%8 LSB&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) · elemento (%3) da amostra %4 · código &lt;b&gt;%5&lt;/b&gt; → %6 contra FP32 %7: &lt;b&gt;%8 LSB&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1   (K = %2 terms)</source>
        <translation>%1   (K = %2 termos)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 + %2 = %3%4</source>
        <translation>%1 + %2 = %3%4</translation>
    </message>
    <message>
        <source>   ⚠ outside int32</source>
        <translation>   ⚠ fora de int32</translation>
    </message>
    <message>
        <source>fixed_point: acc · M0 · 2^(shift − 31), integers only</source>
        <translation>fixed_point: acc · M0 · 2^(shift − 31), só inteiros</translation>
    </message>
    <message>
        <source>%1: acc · M in floating point (M0, shift unused)</source>
        <translation>%1: acc · M em ponto flutuante (M0 e shift não usados)</translation>
    </message>
    <message>
        <source>M0 = %1, shift = %2  →  M0·2^(%3) = %4</source>
        <translation>M0 = %1, shift = %2  →  M0·2^(%3) = %4</translation>
    </message>
    <message>
        <source>%1 · %2 = %3</source>
        <translation>%1 · %2 = %3</translation>
    </message>
    <message>
        <source>%1 + %2 = %3</source>
        <translation>%1 + %2 = %3</translation>
    </message>
    <message>
        <source>[%1, %2] → %3%4</source>
        <translation>[%1, %2] → %3%4</translation>
    </message>
    <message>
        <source>   (clamped)</source>
        <translation>   (limitado)</translation>
    </message>
    <message>
        <source>S_y = %1, Z_y = %2</source>
        <translation>S_y = %1, Z_y = %2</translation>
    </message>
    <message>
        <source>%1 · (%2 − %3) = %4</source>
        <translation>%1 · (%2 − %3) = %4</translation>
    </message>
    <message>
        <source>%1 − %2 = %3   (%4 LSB)</source>
        <translation>%1 − %2 = %3   (%4 LSB)</translation>
    </message>
    <message>
        <source>Dot product: the first %1 of K = %2 terms</source>
        <translation>Produto escalar: os primeiros %1 de K = %2 termos</translation>
    </message>
    <message>
        <source>Dot product: all K = %1 terms</source>
        <translation>Produto escalar: todos os K = %1 termos</translation>
    </message>
    <message>
        <source>Show all K = %1 terms</source>
        <translation>Mostrar todos os K = %1 termos</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (atual)</translation>
    </message>
</context>
<context>
    <name>ql::JobRunner</name>
    <message>
        <source>Loading model %1</source>
        <translation>Carregando o modelo %1</translation>
    </message>
    <message>
        <source>Loading images from %1</source>
        <translation>Carregando imagens de %1</translation>
    </message>
    <message>
        <source>Evaluating FP32 on %1</source>
        <translation>Avaliando FP32 em %1</translation>
    </message>
</context>
<context>
    <name>ql::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop the background work (Esc)</source>
        <translation>Parar o trabalho em segundo plano (Esc)</translation>
    </message>
</context>
<context>
    <name>ql::LayerTableView</name>
    <message>
        <source>Filter layers by name, op or shape…</source>
        <translation>Filtrar camadas por nome, operador ou forma…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>ql::LessonsPage</name>
    <message>
        <source>Lesson Handout</source>
        <translation>Apostila das lições</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 gravado</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lições</translation>
    </message>
</context>
<context>
    <name>ql::LessonsPanel</name>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ &amp;Voltar</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Avançar ▶</translation>
    </message>
    <message>
        <source>Open in &amp;Inspector</source>
        <translation>Abrir no &amp;Inspetor</translation>
    </message>
    <message>
        <source>Export &amp;Handout</source>
        <translation>Exportar &amp;apostila</translation>
    </message>
    <message>
        <source>This Lesson…</source>
        <translation>Esta lição…</translation>
    </message>
    <message>
        <source>All Lessons…</source>
        <translation>Todas as lições…</translation>
    </message>
    <message>
        <source>Lesson:</source>
        <translation>Lição:</translation>
    </message>
    <message>
        <source>%1 is selected in the Quantize page's layer table.</source>
        <translation>%1 está selecionada na tabela de camadas da página Quantizar.</translation>
    </message>
    <message>
        <source>No lessons loaded.</source>
        <translation>Nenhuma lição carregada.</translation>
    </message>
    <message>
        <source>Lesson %1 of %2 · step %3 of %4</source>
        <translation>Lição %1 de %2 · passo %3 de %4</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;The lesson needs a model with calibration data and a finished evaluation: open a model (or File ▸ Open Demo) and wait for the Quantize page's evaluation.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;A lição precisa de um modelo com dados de calibração e uma avaliação concluída: abra um modelo (ou Arquivo ▸ Abrir demonstração) e aguarde a avaliação da página Quantizar.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Does not apply to this model:</source>
        <translation>Não se aplica a este modelo:</translation>
    </message>
    <message>
        <source>Evaluating the changed config…</source>
        <translation>Avaliando a configuração alterada…</translation>
    </message>
    <message>
        <source>before “%1”</source>
        <translation>antes de “%1”</translation>
    </message>
    <message>
        <source>Export Lesson Handout</source>
        <translation>Exportar apostila das lições</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>Arquivos HTML (*.html)</translation>
    </message>
    <message>
        <source>%1: nothing to export: open a model with calibration and evaluation data first</source>
        <translation>%1: nada para exportar: abra antes um modelo com dados de calibração e de avaliação</translation>
    </message>
    <message>
        <source>current (unsaved)</source>
        <translation>atual (não salva)</translation>
    </message>
</context>
<context>
    <name>ql::MainWindow</name>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>&amp;Abrir modelo…</translation>
    </message>
    <message>
        <source>Open an ONNX model</source>
        <translation>Abrir um modelo ONNX</translation>
    </message>
    <message>
        <source>Open &amp;Calibration Folder…</source>
        <translation>Abrir pasta de &amp;calibração…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>Images whose activation ranges set the quantization parameters</source>
        <translation>Imagens cujos intervalos de ativação definem os parâmetros de quantização</translation>
    </message>
    <message>
        <source>Open E&amp;valuation Folder…</source>
        <translation>Abrir pasta de a&amp;valiação…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open a folder of images (class sub-folders give labels)</source>
        <translation>Abrir uma pasta de imagens (subpastas de classe dão os rótulos)</translation>
    </message>
    <message>
        <source>Open Con&amp;fig…</source>
        <translation>Abrir con&amp;figuração…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Load a quantization config (JSON) for the open model</source>
        <translation>Carregar uma configuração de quantização (JSON) para o modelo aberto</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>Open D&amp;emo</source>
        <translation>Abrir d&amp;emonstração</translation>
    </message>
    <message>
        <source>The bundled multi-exit CNN with its calibration and evaluation images</source>
        <translation>A CNN de várias saídas incluída, com as suas imagens de calibração e de avaliação</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nálise</translation>
    </message>
    <message>
        <source>&amp;Evaluate FP32</source>
        <translation>Avaliar &amp;FP32</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Top-1 accuracy per exit of the FP32 model on the data</source>
        <translation>Acurácia top-1 por saída do modelo FP32 nos dados</translation>
    </message>
    <message>
        <source>Evaluate &amp;Quantized</source>
        <translation>Avaliar &amp;quantizado</translation>
    </message>
    <message>
        <source>Build and evaluate the quantized model now</source>
        <translation>Construir e avaliar o modelo quantizado agora</translation>
    </message>
    <message>
        <source>&amp;Cancel Background Work</source>
        <translation>&amp;Cancelar trabalho em segundo plano</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About QuantLens</source>
        <translation>&amp;Sobre o QuantLens</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Sobre o &amp;Qt</translation>
    </message>
    <message>
        <source>Open a model and a data folder first</source>
        <translation>Abra antes um modelo e uma pasta de dados</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Abrir modelo</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>Modelos ONNX (*.onnx);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Open Data Folder</source>
        <translation>Abrir pasta de dados</translation>
    </message>
    <message>
        <source>About QuantLens</source>
        <translation>Sobre o QuantLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;See what quantization costs: run an ONNX model in FP32 and with real integer arithmetic, layer by layer.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Veja quanto custa a quantização: execute um modelo ONNX em FP32 e com aritmética inteira real, camada por camada.&lt;/p&gt;&lt;p&gt;Compilado com Qt %2 (executando com Qt %3).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Supported ONNX operators&lt;/b&gt;&lt;br&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Operadores ONNX suportados&lt;/b&gt;&lt;br&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open an ONNX model (Ctrl+O) or drop one here</source>
        <translation>Abra um modelo ONNX (Ctrl+O) ou solte um aqui</translation>
    </message>
    <message>
        <source>%1[*] — QuantLens</source>
        <translation>%1[*] — QuantLens</translation>
    </message>
    <message>
        <source>%1 · %2[*] — QuantLens</source>
        <translation>%1 · %2[*] — QuantLens</translation>
    </message>
    <message>
        <source>%1 params</source>
        <translation>%1 parâmetros</translation>
    </message>
    <message>
        <source>%1 MACs</source>
        <translation>%1 MACs</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Lições</translation>
    </message>
    <message>
        <source>&amp;Save Config</source>
        <translation>&amp;Salvar configuração</translation>
    </message>
    <message>
        <source>Save the quantization config (JSON)</source>
        <translation>Salvar a configuração de quantização (JSON)</translation>
    </message>
    <message>
        <source>Save Config &amp;As…</source>
        <translation>Salvar configuração &amp;como…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>E&amp;xport Report…</source>
        <translation>E&amp;xportar relatório…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Write the evaluation report as JSON or CSV</source>
        <translation>Gravar o relatório de avaliação como JSON ou CSV</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Pin Baseline</source>
        <translation>&amp;Fixar referência</translation>
    </message>
    <message>
        <source>unsaved config, %1</source>
        <translation>configuração não salva, %1</translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <source>Keep the current report to compare later edits against</source>
        <translation>Guardar o relatório atual para comparar com edições posteriores</translation>
    </message>
    <message>
        <source>C&amp;lear Baseline</source>
        <translation>&amp;Limpar referência</translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 salvo</translation>
    </message>
    <message>
        <source>Save Config</source>
        <translation>Salvar configuração</translation>
    </message>
    <message>
        <source>Quantization configs (*.json)</source>
        <translation>Configurações de quantização (*.json)</translation>
    </message>
    <message>
        <source>Open Calibration Folder</source>
        <translation>Abrir pasta de calibração</translation>
    </message>
    <message>
        <source>Open a model first</source>
        <translation>Abra um modelo antes</translation>
    </message>
    <message>
        <source>Open Config</source>
        <translation>Abrir configuração</translation>
    </message>
    <message>
        <source>Quantization configs (*.json);;All files (*)</source>
        <translation>Configurações de quantização (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>Relatório JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV tables, layers and exits (*.csv)</source>
        <translation>Tabelas CSV, camadas e saídas (*.csv)</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Exportar relatório</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportado</translation>
    </message>
    <message>
        <source>The quantization config</source>
        <translation>A configuração de quantização</translation>
    </message>
    <message>
        <source>The config %1</source>
        <translation>A configuração %1</translation>
    </message>
    <message>
        <source>Save Changes?</source>
        <translation>Salvar alterações?</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 tem alterações não salvas. Salvá-las?</translation>
    </message>
    <message>
        <source>Config for Another Model</source>
        <translation>Configuração de outro modelo</translation>
    </message>
    <message>
        <source>%1 was made for %2, not for the open model (the SHA-256 differs).

Apply its defaults and the settings of the layers whose names match?</source>
        <translation>%1 foi feita para %2, não para o modelo aberto (o SHA-256 difere).

Aplicar os seus padrões e as configurações das camadas cujos nomes coincidem?</translation>
    </message>
    <message>
        <source>another model</source>
        <translation>outro modelo</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>QuantLens will use %1 from the next start.</source>
        <translation>O QuantLens usará %1 a partir da próxima inicialização.</translation>
    </message>
</context>
<context>
    <name>ql::MixedPrecisionPage</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>%1 / %2 evaluations</source>
        <translation>%1 / %2 avaliações</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falhou: %1</translation>
    </message>
    <message>
        <source>Mixed precision</source>
        <translation>Precisão mista</translation>
    </message>
    <message>
        <source>Sensitivity: only one layer quantized</source>
        <translation>Sensibilidade: só uma camada quantizada</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Ativações</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Ambos</translation>
    </message>
    <message>
        <source>Which tensors of the layer get the bit width</source>
        <translation>Quais tensores da camada recebem a largura em bits</translation>
    </message>
    <message>
        <source>Top-1 drop</source>
        <translation>Queda de top-1</translation>
    </message>
    <message>
        <source>Exit SQNR</source>
        <translation>SQNR da saída</translation>
    </message>
    <message>
        <source>Exit the heat map, the search target and the Pareto plot refer to</source>
        <translation>Saída à qual se referem o mapa de calor, a meta da busca e o gráfico de Pareto</translation>
    </message>
    <message>
        <source>Bit widths to try, comma-separated (2..16)</source>
        <translation>Larguras em bits a testar, separadas por vírgula (2..16)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>Evaluation images used by the sensitivity analysis and the search, spread over the classes (0 = all)</source>
        <translation>Imagens de avaliação usadas pela análise de sensibilidade e pela busca, distribuídas entre as classes (0 = todas)</translation>
    </message>
    <message>
        <source>Run sensitivity</source>
        <translation>Executar sensibilidade</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Imagens</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>at</source>
        <translation>em</translation>
    </message>
    <message>
        <source>Automatic mixed precision</source>
        <translation>Precisão mista automática</translation>
    </message>
    <message>
        <source>Top-1 drop at most</source>
        <translation>Queda de top-1 de no máximo</translation>
    </message>
    <message>
        <source>Model size at most</source>
        <translation>Tamanho do modelo de no máximo</translation>
    </message>
    <message>
        <source>Bit-ops at most</source>
        <translation>Bit-ops no máximo</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Bit-ops</source>
        <translation>Bit-ops</translation>
    </message>
    <message>
        <source>Run search</source>
        <translation>Executar busca</translation>
    </message>
    <message>
        <source>Apply found config</source>
        <translation>Aplicar a configuração encontrada</translation>
    </message>
    <message>
        <source>Plot against</source>
        <translation>Plotar contra</translation>
    </message>
    <message>
        <source> kB</source>
        <translation> kB</translation>
    </message>
    <message>
        <source> M bit-ops</source>
        <translation> M bit-ops</translation>
    </message>
    <message>
        <source>Size and cost of the current config</source>
        <translation>Tamanho e custo da configuração atual</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Zero this share of every layer's smallest-magnitude weights (size only: the sparse column shows the bitmap encoding)</source>
        <translation>Zerar esta fração dos pesos de menor magnitude de cada camada (só tamanho: a coluna esparsa mostra a codificação em bitmap)</translation>
    </message>
    <message>
        <source>Prune smallest |w|</source>
        <translation>Podar os menores |w|</translation>
    </message>
    <message>
        <source>every exit (worst)</source>
        <translation>todas as saídas (a pior)</translation>
    </message>
    <message>
        <source>Open a model, a calibration folder and evaluation images to analyse per-layer bit widths.</source>
        <translation>Abra um modelo, uma pasta de calibração e imagens de avaliação para analisar as larguras em bits por camada.</translation>
    </message>
    <message>
        <source>Bits: a comma-separated list of widths in 2..16</source>
        <translation>Bits: uma lista de larguras em 2..16 separadas por vírgula</translation>
    </message>
    <message>
        <source>Sensitivity: FP32 reference, then one evaluation per layer and width…</source>
        <translation>Sensibilidade: referência FP32, depois uma avaliação por camada e largura…</translation>
    </message>
    <message>
        <source>Sensitivity: %1 evaluations on %2 images in %3 s</source>
        <translation>Sensibilidade: %1 avaliações em %2 imagens em %3 s</translation>
    </message>
    <message>
        <source>Searching: sensitivity, then greedy steps verified by evaluation…</source>
        <translation>Buscando: sensibilidade, depois passos gulosos verificados por avaliação…</translation>
    </message>
    <message>
        <source>Search: %1 evaluations in %2 s</source>
        <translation>Busca: %1 avaliações em %2 s</translation>
    </message>
    <message>
        <source>%1 %2 % (%3)</source>
        <translation>%1 %2 % (%3)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 B (%3 bits avg) vs W8A8 %4 B — %5× smaller; %6. %7 evaluations. Click a point to apply its config.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 B (%3 bits em média) vs W8A8 %4 B — %5× menor; %6. %7 avaliações. Clique num ponto para aplicar a sua configuração.</translation>
    </message>
    <message>
        <source>Target met</source>
        <translation>Meta atingida</translation>
    </message>
    <message>
        <source>Target not met</source>
        <translation>Meta não atingida</translation>
    </message>
    <message>
        <source>Set %1 of %2 to %3 bits</source>
        <translation>Definir %1 de %2 com %3 bits</translation>
    </message>
    <message>
        <source>Apply the found mixed-precision config</source>
        <translation>Aplicar a configuração de precisão mista encontrada</translation>
    </message>
    <message>
        <source>Apply mixed-precision point #%1</source>
        <translation>Aplicar o ponto de precisão mista nº %1</translation>
    </message>
    <message>
        <source>Needs a model and its calibration.</source>
        <translation>Precisa de um modelo e da sua calibração.</translation>
    </message>
    <message>
        <source>Cannot size this config: %1</source>
        <translation>Não foi possível medir esta configuração: %1</translation>
    </message>
    <message>
        <source>Mixed Precision</source>
        <translation>Precisão Mista</translation>
    </message>
</context>
<context>
    <name>ql::ModelPage</name>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
</context>
<context>
    <name>ql::ModelSummaryWidget</name>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Produtor</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nós</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>MACs / sample</source>
        <translation>MACs / amostra</translation>
    </message>
    <message>
        <source>Exits</source>
        <translation>Saídas</translation>
    </message>
    <message>
        <source>Accuracy vs cost</source>
        <translation>Acurácia vs custo</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Imagens</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignorados</translation>
    </message>
    <message>
        <source>No model open — File ▸ Open Model… or drop an .onnx file here</source>
        <translation>Nenhum modelo aberto — Arquivo ▸ Abrir modelo… ou solte um arquivo .onnx aqui</translation>
    </message>
    <message>
        <source>%1 · opset %2</source>
        <translation>%1 · opset %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <source>No data folder — File ▸ Open Data Folder…</source>
        <translation>Nenhuma pasta de dados — Arquivo ▸ Abrir pasta de dados…</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>carregando…</translation>
    </message>
    <message>
        <source>waiting for a model</source>
        <translation>aguardando um modelo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>unlabelled (no class sub-folders)</source>
        <translation>sem rótulos (sem subpastas de classe)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>FP32 top-1</source>
        <translation>Top-1 FP32</translation>
    </message>
    <message>
        <source>Agrees w/ last</source>
        <translation>Concorda c/ última</translation>
    </message>
    <message>
        <source>Top-1 accuracy of the FP32 model at this exit</source>
        <translation>Acurácia top-1 do modelo FP32 nesta saída</translation>
    </message>
    <message>
        <source>Share of images on which this exit predicts the same class as the deepest exit (the folder has no labels)</source>
        <translation>Fração das imagens em que esta saída prevê a mesma classe que a saída mais profunda (a pasta não tem rótulos)</translation>
    </message>
    <message>
        <source>exit%1</source>
        <translation>saída%1</translation>
    </message>
    <message>
        <source>%1 MACs per sample to reach this exit</source>
        <translation>%1 MACs por amostra para alcançar esta saída</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 of %2 images correct</source>
        <translation>%1 de %2 imagens corretas</translation>
    </message>
    <message>
        <source>The model has no classifier output.</source>
        <translation>O modelo não tem saída de classificador.</translation>
    </message>
    <message>
        <source>FP32 top-1 on %1.</source>
        <translation>Top-1 FP32 em %1.</translation>
    </message>
    <message>
        <source>The folder is unlabelled: accuracy is not available. Shown: agreement with the deepest exit on %1.</source>
        <translation>A pasta não tem rótulos: a acurácia não está disponível. Mostrado: concordância com a saída mais profunda em %1.</translation>
    </message>
    <message>
        <source>Evaluating FP32…</source>
        <translation>Avaliando FP32…</translation>
    </message>
    <message>
        <source>Open a data folder to measure FP32 accuracy per exit.</source>
        <translation>Abra uma pasta de dados para medir a acurácia FP32 por saída.</translation>
    </message>
    <message>
        <source>Agreement with exit%1</source>
        <translation>Concordância com a saída%1</translation>
    </message>
</context>
<context>
    <name>ql::ParetoChart</name>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>uniform W8A8</source>
        <translation>W8A8 uniforme</translation>
    </message>
    <message>
        <source>W8A8</source>
        <translation>W8A8</translation>
    </message>
    <message>
        <source>found</source>
        <translation>encontrada</translation>
    </message>
    <message>
        <source>evaluated configs</source>
        <translation>configurações avaliadas</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Fronteira de Pareto</translation>
    </message>
    <message>
        <source>Mixed precision: accuracy against cost</source>
        <translation>Precisão mista: acurácia contra custo</translation>
    </message>
    <message>
        <source>Run the search to see the accuracy / size trade-off.</source>
        <translation>Execute a busca para ver o compromisso acurácia / tamanho.</translation>
    </message>
    <message>
        <source>model size (kB, log scale)</source>
        <translation>tamanho do modelo (kB, escala log)</translation>
    </message>
    <message>
        <source>bit-operations per sample (G, log scale)</source>
        <translation>operações de bit por amostra (G, escala log)</translation>
    </message>
    <message>
        <source>top-1 at %1 (%)</source>
        <translation>top-1 em %1 (%)</translation>
    </message>
    <message>
        <source>worst exit: top-1 change vs FP32 (pt)</source>
        <translation>pior saída: variação de top-1 vs FP32 (pt)</translation>
    </message>
    <message>
        <source>found (target met)</source>
        <translation>encontrada (meta atingida)</translation>
    </message>
    <message>
        <source>closest (target not met)</source>
        <translation>mais próxima (meta não atingida)</translation>
    </message>
    <message>
        <source>size %1 B (%2 bits avg), %3 bit-ops&lt;br&gt;</source>
        <translation>tamanho %1 B (%2 bits em média), %3 bit-ops&lt;br&gt;</translation>
    </message>
    <message>
        <source>%1: %2 % (%3 pt)&lt;br&gt;</source>
        <translation>%1: %2 % (%3 pt)&lt;br&gt;</translation>
    </message>
    <message>
        <source>meets the target</source>
        <translation>atinge a meta</translation>
    </message>
    <message>
        <source>misses the target</source>
        <translation>não atinge a meta</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Click: apply this config&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Clique: aplicar esta configuração&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>ql::QuantLayerDelegate</name>
    <message>
        <source>Bit width, 2..16 (Enter to apply, Esc to cancel)</source>
        <translation>Largura em bits, 2..16 (Enter aplica, Esc cancela)</translation>
    </message>
</context>
<context>
    <name>ql::QuantLayerModel</name>
    <message>
        <source>SQNR = 10·log10(Σr² / Σe²): signal over quantization noise.
red &lt; %1 dB · amber &lt; %2 dB · green ≥ %2 dB</source>
        <translation>SQNR = 10·log10(Σr² / Σe²): sinal sobre ruído de quantização.
vermelho &lt; %1 dB · âmbar &lt; %2 dB · verde ≥ %2 dB</translation>
    </message>
    <message>
        <source>Runs as: %1</source>
        <translation>Executa como: %1</translation>
    </message>
    <message>
        <source>Fused: %1</source>
        <translation>Fundido: %1</translation>
    </message>
    <message>
        <source>%1 bits: %2 codes (F2 or double-click to edit, 2..16)</source>
        <translation>%1 bits: %2 códigos (F2 ou duplo clique para editar, 2..16)</translation>
    </message>
    <message>
        <source>Run this layer in FP32 between a dequantize and a quantize boundary</source>
        <translation>Executar esta camada em FP32 entre uma fronteira de dequantização e uma de quantização</translation>
    </message>
    <message>
        <source>This layer alone, fed with the FP32 input.
</source>
        <translation>Só esta camada, alimentada com a entrada FP32.
</translation>
    </message>
    <message>
        <source>The whole integer chain up to here: upstream error arrives too.
</source>
        <translation>Toda a cadeia inteira até aqui: o erro anterior também chega.
</translation>
    </message>
    <message>
        <source>Output codes saturated at qmin: %1 %, at qmax: %2 %</source>
        <translation>Códigos de saída saturados em qmin: %1 %, em qmax: %2 %</translation>
    </message>
    <message>
        <source>Accumulators that left the int32 range (counted on the propagated run)</source>
        <translation>Acumuladores que saíram do intervalo de int32 (contados na execução propagada)</translation>
    </message>
</context>
<context>
    <name>ql::QuantPage</name>
    <message>
        <source>&amp;Presets</source>
        <translation>&amp;Predefinições</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <source>Replace the whole config by a preset (undoable)</source>
        <translation>Substituir toda a configuração por uma predefinição (pode ser desfeito)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Desfazer (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Refazer (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Double-click or F2 edits a cell; select rows (Shift, Ctrl) to edit many at once.</source>
        <translation>Duplo clique ou F2 edita uma célula; selecione linhas (Shift, Ctrl) para editar várias de uma vez.</translation>
    </message>
    <message>
        <source>Weight bits for the selected layers</source>
        <translation>Bits dos pesos das camadas selecionadas</translation>
    </message>
    <message>
        <source>Activation bits for the selected layers</source>
        <translation>Bits das ativações das camadas selecionadas</translation>
    </message>
    <message>
        <source>Rounding (weights and activations)</source>
        <translation>Arredondamento (pesos e ativações)</translation>
    </message>
    <message>
        <source>Scheme of the weights / activations</source>
        <translation>Esquema dos pesos / ativações</translation>
    </message>
    <message>
        <source>Weight scale granularity</source>
        <translation>Granularidade da escala dos pesos</translation>
    </message>
    <message>
        <source>Activation range observer</source>
        <translation>Observador do intervalo das ativações</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>manter</translation>
    </message>
    <message>
        <source>quantize</source>
        <translation>quantizar</translation>
    </message>
    <message>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <source>Run the selected layers in integer arithmetic or in FP32</source>
        <translation>Executar as camadas selecionadas em aritmética inteira ou em FP32</translation>
    </message>
    <message>
        <source>&amp;W</source>
        <translation>&amp;P</translation>
    </message>
    <message>
        <source>&amp;A</source>
        <translation>&amp;A</translation>
    </message>
    <message>
        <source>R&amp;ounding</source>
        <translation>Arred&amp;ondamento</translation>
    </message>
    <message>
        <source>S&amp;cheme</source>
        <translation>Es&amp;quema</translation>
    </message>
    <message>
        <source>&amp;Gran.</source>
        <translation>&amp;Gran.</translation>
    </message>
    <message>
        <source>O&amp;bs.</source>
        <translation>O&amp;bs.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Execução</translation>
    </message>
    <message>
        <source>A&amp;pply to Selected</source>
        <translation>A&amp;plicar às selecionadas</translation>
    </message>
    <message>
        <source>Set the chosen fields on every selected layer (one undo step)</source>
        <translation>Definir os campos escolhidos em cada camada selecionada (um passo de desfazer)</translation>
    </message>
    <message>
        <source>Select layers:</source>
        <translation>Selecionar camadas:</translation>
    </message>
    <message>
        <source>Preset %1</source>
        <translation>Predefinição %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 em %2</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>Quantizar</translation>
    </message>
</context>
<context>
    <name>ql::QuantSession</name>
    <message>
        <source>Could not open the config</source>
        <translation>Não foi possível abrir a configuração</translation>
    </message>
    <message>
        <source>%1: open a model first</source>
        <translation>%1: abra um modelo antes</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <source>Apply matching layers</source>
        <translation>Aplicar as camadas correspondentes</translation>
    </message>
    <message>
        <source>Could not save the config</source>
        <translation>Não foi possível salvar a configuração</translation>
    </message>
    <message>
        <source>Could not export the report</source>
        <translation>Não foi possível exportar o relatório</translation>
    </message>
    <message>
        <source>%1: there is no evaluation report yet</source>
        <translation>%1: ainda não há relatório de avaliação</translation>
    </message>
</context>
<context>
    <name>ql::QuantSummaryWidget</name>
    <message>
        <source>Evaluation</source>
        <translation>Avaliação</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>Configuração</translation>
    </message>
    <message>
        <source>Calibrated on</source>
        <translation>Calibrado em</translation>
    </message>
    <message>
        <source>Evaluated on</source>
        <translation>Avaliado em</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>Size and cost</source>
        <translation>Tamanho e custo</translation>
    </message>
    <message>
        <source>FP32 model</source>
        <translation>Modelo FP32</translation>
    </message>
    <message>
        <source>Configured</source>
        <translation>Configurado</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>Compressão</translation>
    </message>
    <message>
        <source>Bit-ops / sample</source>
        <translation>Bit-ops / amostra</translation>
    </message>
    <message>
        <source>MACs × weight bits × activation bits (float layers: 32 × 32)</source>
        <translation>MACs × bits dos pesos × bits das ativações (camadas float: 32 × 32)</translation>
    </message>
    <message>
        <source>Top-1 accuracy per exit</source>
        <translation>Acurácia top-1 por saída</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>Quantized</source>
        <translation>Quantizado</translation>
    </message>
    <message>
        <source>Δ</source>
        <translation>Δ</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Concorda</translation>
    </message>
    <message>
        <source>Samples whose quantized top-1 equals FP32's</source>
        <translation>Amostras cujo top-1 quantizado é igual ao do FP32</translation>
    </message>
    <message>
        <source>Quantized top-1 of the pinned baseline</source>
        <translation>Top-1 quantizado da referência fixada</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <source>Integer</source>
        <translation>Inteiras</translation>
    </message>
    <message>
        <source>Lowest SQNR</source>
        <translation>Menor SQNR</translation>
    </message>
    <message>
        <source>int32 overflows</source>
        <translation>estouros de int32</translation>
    </message>
    <message>
        <source>No model open</source>
        <translation>Nenhum modelo aberto</translation>
    </message>
    <message>
        <source>Calibrating…</source>
        <translation>Calibrando…</translation>
    </message>
    <message>
        <source>Waiting for data (open a calibration or evaluation folder)</source>
        <translation>Aguardando dados (abra uma pasta de calibração ou de avaliação)</translation>
    </message>
    <message>
        <source>Edited — evaluating shortly…</source>
        <translation>Editado — avaliando em instantes…</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Avaliando…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <source>Cancelled — the table shows the previous result</source>
        <translation>Cancelado — a tabela mostra o resultado anterior</translation>
    </message>
    <message>
        <source>Failed — the table shows the previous result</source>
        <translation>Falhou — a tabela mostra o resultado anterior</translation>
    </message>
    <message>
        <source>%1 ms (build + evaluate)</source>
        <translation>%1 ms (construir + avaliar)</translation>
    </message>
    <message>
        <source>unsaved</source>
        <translation>não salva</translation>
    </message>
    <message>
        <source> (modified)</source>
        <translation> (modificada)</translation>
    </message>
    <message>
        <source>the calibration images</source>
        <translation>as imagens de calibração</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>fixada</translation>
    </message>
    <message>
        <source>none (Edit ▸ Pin Baseline)</source>
        <translation>nenhuma (Editar ▸ Fixar referência)</translation>
    </message>
    <message>
        <source>The accuracy appears after the first evaluation.</source>
        <translation>A acurácia aparece após a primeira avaliação.</translation>
    </message>
    <message>
        <source>%1: %2 MACs per sample</source>
        <translation>%1: %2 MACs por amostra</translation>
    </message>
    <message>
        <source>%1; Δ = quantized − FP32 (points).</source>
        <translation>%1; Δ = quantizado − FP32 (pontos).</translation>
    </message>
    <message>
        <source>%1, unlabelled: agreement with FP32 only.</source>
        <translation>%1, sem rótulos: só concordância com o FP32.</translation>
    </message>
    <message>
        <source>%1 of %2 layers run in integer arithmetic</source>
        <translation>%1 de %2 camadas executam em aritmética inteira</translation>
    </message>
    <message>
        <source>%1 dB at %2 (propagated)</source>
        <translation>%1 dB em %2 (propagado)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
</context>
<context>
    <name>ql::RecentFiles</name>
    <message>
        <source>Clear Recent</source>
        <translation>Limpar recentes</translation>
    </message>
</context>
<context>
    <name>ql::SensitivityHeatmap</name>
    <message>
        <source>Run the sensitivity analysis to fill the heat map.</source>
        <translation>Execute a análise de sensibilidade para preencher o mapa de calor.</translation>
    </message>
</context>
<context>
    <name>ql::Session</name>
    <message>
        <source>Could not open the model</source>
        <translation>Não foi possível abrir o modelo</translation>
    </message>
    <message>
        <source>Could not load the data folder</source>
        <translation>Não foi possível carregar a pasta de dados</translation>
    </message>
    <message>
        <source>FP32 evaluation failed</source>
        <translation>A avaliação FP32 falhou</translation>
    </message>
</context>
<context>
    <name>ql::SizeCostTable</name>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>W bits</source>
        <translation>Bits P</translation>
    </message>
    <message>
        <source>A bits</source>
        <translation>Bits A</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Zeros</translation>
    </message>
    <message>
        <source>FP32 (B)</source>
        <translation>FP32 (B)</translation>
    </message>
    <message>
        <source>W8A8 (B)</source>
        <translation>W8A8 (B)</translation>
    </message>
    <message>
        <source>Mixed (B)</source>
        <translation>Mista (B)</translation>
    </message>
    <message>
        <source>Sparse (B)</source>
        <translation>Esparsa (B)</translation>
    </message>
    <message>
        <source>Bit-ops W8A8</source>
        <translation>Bit-ops W8A8</translation>
    </message>
    <message>
        <source>Bit-ops mixed</source>
        <translation>Bit-ops mista</translation>
    </message>
    <message>
        <source>Bitmap (1 bit per weight) + the non-zero codes, where smaller than dense</source>
        <translation>Bitmap (1 bit por peso) + os códigos não nulos, quando menor que a forma densa</translation>
    </message>
    <message>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <source>(other parameters)</source>
        <translation>(outros parâmetros)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>FP32 %1 B → W8A8 %2 B → current %3 B (%4 bits avg, %5× smaller than W8A8)%6; bit-ops %7 → %8 per sample.</source>
        <translation>FP32 %1 B → W8A8 %2 B → atual %3 B (%4 bits em média, %5× menor que W8A8)%6; bit-ops %7 → %8 por amostra.</translation>
    </message>
    <message>
        <source>, with bitmap-encoded zeros %1 B</source>
        <translation>, com zeros codificados em bitmap %1 B</translation>
    </message>
</context>
<context>
    <name>ql::ValueHistogramChart</name>
    <message>
        <source>r (FP32 reference)</source>
        <translation>r (referência FP32)</translation>
    </message>
    <message>
        <source>out of range (clipped)</source>
        <translation>fora do intervalo (saturado)</translation>
    </message>
    <message>
        <source>FP32 value r (real units)</source>
        <translation>valor FP32 r (unidades reais)</translation>
    </message>
    <message>
        <source>share of values (%)</source>
        <translation>fração dos valores (%)</translation>
    </message>
    <message>
        <source>Select a layer to see its value histogram</source>
        <translation>Selecione uma camada para ver o seu histograma de valores</translation>
    </message>
    <message>
        <source>No value samples for %1</source>
        <translation>Sem amostras de valores para %1</translation>
    </message>
    <message>
        <source>clip range [%1, %2]</source>
        <translation>intervalo de saturação [%1, %2]</translation>
    </message>
    <message>
        <source>%1 — values, %2 % clipped (low %3 %, high %4 %)</source>
        <translation>%1 — valores, %2 % saturados (baixo %3 %, alto %4 %)</translation>
    </message>
    <message>
        <source>%1 — values (output in FP32: no clipping)</source>
        <translation>%1 — valores (saída em FP32: sem saturação)</translation>
    </message>
    <message>
        <source>r ≈ %1</source>
        <translation>r ≈ %1</translation>
    </message>
    <message>
        <source>r ≈ %1
%2 % of values</source>
        <translation>r ≈ %1
%2 % dos valores</translation>
    </message>
</context>
</TS>