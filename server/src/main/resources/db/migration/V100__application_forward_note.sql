-- Why a window forwarded an application without every required paper (R-MAT, R-CH-4): the CA's clerk sees it.
ALTER TABLE application ADD COLUMN forward_note TEXT;
