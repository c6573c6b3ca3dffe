<?php
// Reference answers for Packagist ordering: reads lines "A B", prints -1, 0, 1 or ERR per line,
// using Composer's own VersionParser and Comparator (Debian package php-composer-semver).
require_once '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;

$parser = new VersionParser();
while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    if ($line === '') continue;
    $pair = explode(' ', $line, 2);
    try {
        $a = $parser->normalize($pair[0]);
        $b = $parser->normalize($pair[1]);
        if (strpos($a, 'dev-') === 0 || strpos($b, 'dev-') === 0) throw new Exception('branch');
        echo Comparator::lessThan($a, $b) ? "-1\n" : (Comparator::equalTo($a, $b) ? "0\n" : "1\n");
    } catch (Throwable $e) {
        echo "ERR\n";
    }
}
