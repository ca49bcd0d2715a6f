<h1>Invoice <?= htmlspecialchars($invoice->number) ?></h1>
<ul>
<?php foreach ($lines as $line): ?>
  <li><?= $line['sku'] ?>: <?= \App\Support\format_money($line['amount']) ?></li>
<?php endforeach; ?>
</ul>
