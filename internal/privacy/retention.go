package privacy

import "wohnbruecke/internal/config"

// Retention are the retention periods in force (configuration RETENTION_*).
type Retention = config.Retention
